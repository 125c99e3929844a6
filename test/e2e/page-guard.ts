import type { Browser, Page } from 'playwright-core';

/**
 * Opens a page that records console errors, uncaught exceptions and CSP violations, so a
 * test can end by expecting a clean console (the local-pane tests' guard, shared).
 */
export async function openGuardedPage(
  browser: Browser,
  url: string,
  errors: string[],
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; beforeGoto?: (page: Page) => void } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeFunction('reportCspViolation', (text: string) => void errors.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => report(`${event.violatedDirective} ${event.blockedURI}`));
  });
  options.beforeGoto?.(page);
  await page.goto(url);
  await page.getByRole('region', { name: 'Quick connect' }).waitFor();
  return page;
}
