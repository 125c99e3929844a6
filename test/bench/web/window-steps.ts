// What the queue-10k run does in the window, by role and name like the e2e tests (their
// helpers use vitest's expect, which the bench doesn't run under): connect, show folders,
// start a download, read the queue's tab counts.
import type { Locator, Page } from 'playwright-core';
import type { BenchSite } from '../types';

/** Polls `probe` until it returns a value (not undefined), or fails naming `what`. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const grid = (page: Page, side: 'Local' | 'Remote'): Locator => page.getByRole('grid', { name: `${side} files` });

/** Waits until a pane shows `folder`, fully listed. */
async function listed(page: Page, side: 'Local' | 'Remote', folder: string): Promise<void> {
  await until(async () => {
    const g = grid(page, side);
    if ((await g.count()) === 0) return undefined;
    const [shown, busy] = await Promise.all([g.getAttribute('data-folder'), g.getAttribute('aria-busy')]);
    return shown === folder && busy === 'false' ? true : undefined;
  }, `the ${side.toLowerCase()} pane to list ${folder}`, 30_000);
}

/**
 * Quick-connects (explicit TLS). The web shell must trust the server by chain and name (the
 * bench CA is given to it): any dialog — an unknown certificate above all — is a failure,
 * never something to click through.
 */
export async function connect(page: Page, site: BenchSite): Promise<void> {
  const bar = page.getByRole('toolbar', { name: 'Quick connect' });
  await bar.getByLabel('Host').fill(site.host);
  await bar.getByLabel('User').fill(site.user);
  await bar.getByLabel('Password').fill(site.password);
  await bar.getByLabel('Port').fill(String(site.port));
  await bar.getByLabel('Protocol').selectOption('explicit');
  await bar.getByLabel('Password').press('Enter');
  await until(async () => {
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) throw new Error(`the window asked instead of connecting: ${(await dialog.first().textContent())?.slice(0, 200)}`);
    return (await grid(page, 'Remote').count()) > 0 ? true : undefined;
  }, 'the connection', 30_000);
  await listed(page, 'Remote', '/');
}

/** Types `folder` into a pane's path bar and waits for its listing. */
export async function showFolder(page: Page, side: 'Local' | 'Remote', folder: string): Promise<void> {
  const bar = page.getByRole('textbox', { name: `${side} path` });
  await bar.fill(folder);
  await bar.press('Enter');
  await listed(page, side, folder);
}

/** Selects `name` in the remote pane and presses Ctrl+D: download into the local pane's folder. */
export async function downloadFromRemote(page: Page, name: string): Promise<void> {
  const row = grid(page, 'Remote').locator('[role="row"][data-index]')
    .filter({ has: page.locator('.cell-text', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  await row.click();
  await grid(page, 'Remote').press('Control+d');
}

/** Brings the transfer queue's tab to the front, on its Queued view (rows virtualized). */
export async function showQueue(page: Page): Promise<void> {
  await page.getByRole('tablist', { name: 'Transfers and log' }).getByRole('tab', { name: 'Transfer queue' }).click();
  await page.getByRole('tablist', { name: 'Queue views' }).getByRole('tab', { name: /^Queued/ }).click();
}

export interface QueueCounts { queued: number; failed: number; finished: number }

/** The counts the queue's tabs show ("Queued10,000" → 10000). */
export async function queueCounts(page: Page): Promise<QueueCounts> {
  const tabs = page.getByRole('tablist', { name: 'Queue views' });
  const count = async (name: string) => Number((await tabs.getByRole('tab', { name: new RegExp(`^${name}`) }).textContent())?.replace(/\D/g, '') ?? NaN);
  const [queued, failed, finished] = await Promise.all([count('Queued'), count('Failed'), count('Finished')]);
  return { queued, failed, finished };
}
