import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from '../support/browser';
import { startFakeShell, type FakeServices } from './fake-shell';
import { openGuardedPage } from './page-guard';

/**
 * The lifecycle of e2e tests on scripted services: one Chromium for the file, a fresh web
 * shell and page per `open`, everything closed after each test, and each test must end
 * with a clean console (no error, no CSP violation). Returns `open`.
 */
export function useFakeShellPages(viewport?: { width: number; height: number }) {
  let browser: Browser;
  const shells: { close(): Promise<void> }[] = [];
  const pages: Page[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    await Promise.all(shells.splice(0).map((shell) => shell.close()));
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  return async function open(fake: FakeServices, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const shell = await startFakeShell(fake);
    shells.push(shell);
    const page = await openGuardedPage(browser, shell.url, pageErrors, { colorScheme, ...(viewport ? { viewport } : {}) });
    pages.push(page);
    return page;
  };
}
