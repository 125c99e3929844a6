import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startServer, type RunningServer } from '../support/servers';
import { makeTempDir } from '../support/temp-dir';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { connectTrustingAlways, remoteGrid, remoteRow, waitForRemoteFolder } from './ftp-support';
import { openGuardedPage } from './page-guard';

/**
 * Drag and drop and the queue against a real vsftpd (TLS session reuse required): files
 * and a nested folder go up and come back byte-exact, a conflict asks and Resume / Rename
 * do what they say, and a paused queue survives a restart of the web shell.
 */

const TIMEOUT = 180_000;
let browser: Browser;
let server: RunningServer;
let home: { path: string; remove(): void };
const dataDirs: { path: string; remove(): void }[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];
const shells: RunningWebShell[] = [];

beforeAll(async () => {
  home = makeTempDir('sluice-e2e-home-');
  [browser, server] = await Promise.all([launchChromium(), startServer('vsftpd')]);
}, 120_000);

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  await Promise.all(shells.splice(0).map((shell) => shell.stop()));
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  home?.remove();
  dataDirs.forEach((dir) => dir.remove());
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const localGrid = (page: Page) => page.getByRole('grid', { name: 'Local files' });
const localRow = (page: Page, name: string): Locator =>
  localGrid(page).locator('[role="row"][data-index]').filter({ has: page.locator('.cell-text', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });
const queueTab = (page: Page, name: 'Queued' | 'Failed' | 'Finished') => page.getByRole('tablist', { name: 'Queue views' }).getByRole('tab', { name: new RegExp(name) });

/** A web shell over the test's own data folder (each test its own queue; a restart reuses it). */
async function startShell(data: string): Promise<RunningWebShell> {
  const shell = await startWebShell({ env: { HOME: home.path }, dataDir: data });
  shells.push(shell);
  return shell;
}

/** Opens the window on `shell`, connects (trusting the certificate once) and shows `localDir`. */
async function connected(shell: RunningWebShell, localDir: string): Promise<Page> {
  const page = await openGuardedPage(browser, shell.url, pageErrors);
  pages.push(page);
  await connectTrustingAlways(page, server);
  await showLocal(page, localDir);
  return page;
}

async function showLocal(page: Page, dir: string): Promise<void> {
  const pathBar = page.getByRole('textbox', { name: 'Local path' });
  await pathBar.fill(dir);
  await pathBar.press('Enter');
  await expect.poll(() => localGrid(page).getAttribute('data-folder')).toBe(dir);
  await expect.poll(() => localGrid(page).getAttribute('aria-busy')).toBe('false');
}

/** Writes `bytes` random bytes to `file` and returns its sha256. */
function randomFile(file: string, bytes: number): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, randomBytes(bytes));
  return sha256(file);
}

function freshDataDir(): string {
  const dir = makeTempDir('sluice-e2e-data-');
  dataDirs.push(dir);
  return dir.path;
}

const TREE = ['one.bin', 'two.bin', 'three.bin', 'nested/inner/deep.bin'];

describe('transfers against vsftpd', () => {
  it(
    'drags 3 files and a nested folder up, watches the queue, drags them back to another folder, all byte-exact',
    async () => {
      const src = path.join(home.path, 'src');
      const back = path.join(home.path, 'back');
      mkdirSync(back, { recursive: true });
      const sums = new Map(TREE.map((name, at) => [name, randomFile(path.join(src, name), [3_000_000, 700_000, 40_000, 1_500_000][at]!)] as const));
      const shell = await startShell(freshDataDir());
      const page = await connected(shell, src);

      // Slow enough to see progress: about two seconds for the 5 MiB.
      const limit = page.getByRole('textbox', { name: 'Speed limit' });
      await limit.fill('2560');
      await limit.press('Enter');
      await localGrid(page).focus();
      await localGrid(page).press('Control+a');
      await localRow(page, 'one.bin').dragTo(remoteGrid(page), { targetPosition: { x: 300, y: 300 } });

      // The queue shows the run: a row's progress bar part-way, and the overall percent in the title.
      await expect
        .poll(
          async () => {
            const values = await page.getByRole('grid', { name: 'Queued transfers' }).getByRole('progressbar').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('aria-valuenow'))));
            return values.some((value) => value > 0 && value < 100);
          },
          { timeout: 30_000, interval: 100 },
        )
        .toBe(true);
      await expect.poll(() => page.title(), { timeout: 10_000, interval: 100 }).toMatch(/^\d+% — Sluice — 127\.0\.0\.1$/);
      await page.screenshot({ path: '/tmp/sluice-queue-real-progress.png' });
      await limit.fill('');
      await limit.press('Enter');
      for (const name of TREE) {
        await expect.poll(() => existsSync(path.join(server.root, name)) && sha256(path.join(server.root, name)), { timeout: 60_000 }).toBe(sums.get(name));
      }
      await expect.poll(() => queueTab(page, 'Queued').textContent(), { timeout: 30_000 }).toBe('Queued0');
      await expect.poll(() => page.title()).toBe('Sluice — 127.0.0.1');

      // And back, into another local folder: select the four in the remote pane, drop on the local pane.
      await showLocal(page, back);
      // The remote pane refreshed itself as the uploads into its folder finished.
      await expect.poll(() => remoteRow(page, 'three.bin').count(), { timeout: 20_000 }).toBe(1);
      for (const name of ['nested', 'one.bin', 'two.bin', 'three.bin']) await remoteRow(page, name).click({ modifiers: ['Control'] });
      await remoteRow(page, 'two.bin').dragTo(localGrid(page), { targetPosition: { x: 300, y: 300 } });
      for (const name of TREE) {
        await expect.poll(() => existsSync(path.join(back, name)) && sha256(path.join(back, name)), { timeout: 60_000 }).toBe(sums.get(name));
      }
      await queueTab(page, 'Finished').click();
      await expect.poll(async () => Number((await queueTab(page, 'Finished').textContent())?.replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    },
    TIMEOUT,
  );

  it(
    'asks when the target exists: Resume completes a partial file, Rename keeps both',
    async () => {
      const src = path.join(home.path, 'conflict');
      const sum = randomFile(path.join(src, 'big.bin'), 2_000_000);
      const remoteFile = path.join(server.root, 'big.bin');
      await server.writeFile('big.bin', readFileSync(path.join(src, 'big.bin')));
      truncateSync(remoteFile, 750_000);
      const shell = await startShell(freshDataDir());
      const page = await connected(shell, src);

      await localRow(page, 'big.bin').dragTo(remoteGrid(page), { targetPosition: { x: 300, y: 300 } });
      const dialog = page.getByRole('dialog', { name: 'Target file exists' });
      await dialog.waitFor({ timeout: 30_000 });
      expect(await dialog.textContent()).toContain('(750,000 bytes)');
      await dialog.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => sha256(remoteFile), { timeout: 30_000 }).toBe(sum);

      // Complete now: Resume is not offered; Rename with an edited name keeps both.
      await localRow(page, 'big.bin').click();
      await localGrid(page).press('Control+u');
      await dialog.waitFor({ timeout: 30_000 });
      expect(await dialog.getByRole('button', { name: 'Resume' }).count()).toBe(0);
      expect(await dialog.getByLabel('Name for Rename').inputValue()).toBe('big (1).bin');
      await dialog.getByLabel('Name for Rename').fill('big-copy.bin');
      await dialog.getByRole('button', { name: 'Rename' }).click();
      await expect.poll(() => existsSync(path.join(server.root, 'big-copy.bin')) && sha256(path.join(server.root, 'big-copy.bin')), { timeout: 30_000 }).toBe(sum);
      expect(sha256(remoteFile)).toBe(sum);
    },
    TIMEOUT,
  );

  it(
    'keeps a queue across a restart of the web shell, then completes it',
    async () => {
      const src = path.join(home.path, 'restart');
      const sums = ['r1.bin', 'r2.bin'].map((name) => randomFile(path.join(src, name), 300_000));
      const data = freshDataDir();
      let shell = await startShell(data);
      let page = await connected(shell, src);
      await page.getByRole('button', { name: 'Pause queue' }).click();
      await localGrid(page).focus();
      await localGrid(page).press('Control+a');
      // Add to queue leaves the paused queue paused.
      await localGrid(page).press('Control+Shift+u');
      await expect.poll(() => queueTab(page, 'Queued').textContent(), { timeout: 20_000 }).toBe('Queued2');
      await Promise.all(pages.splice(0).map((one) => one.close()));
      await shells.splice(0)[0]!.stop();

      shell = await startShell(data);
      page = await connected(shell, src);
      // Both items came back from the data folder, and the queue is still paused: the panel
      // offers Resume and says so, the rows say Queued, and nothing reaches the server.
      await expect.poll(() => queueTab(page, 'Queued').textContent(), { timeout: 20_000 }).toBe('Queued2');
      const resume = page.getByRole('button', { name: 'Resume queue' });
      await resume.waitFor({ timeout: 10_000 });
      expect(await page.getByRole('button', { name: 'Pause queue' }).count()).toBe(0);
      await expect.poll(() => page.getByRole('status', { name: 'Queue totals' }).textContent()).toContain('Paused');
      const queuedRows = page.getByRole('grid', { name: 'Queued transfers' }).locator('[role="row"][data-id]');
      await expect.poll(() => queuedRows.locator('.queue-status').allTextContents()).toEqual(['Queued', 'Queued']);
      // Connected and idle for a while: a queue that forgot its pause would have sent 300 kB by now.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(['r1.bin', 'r2.bin'].filter((name) => existsSync(path.join(server.root, name)))).toEqual([]);
      expect(await queueTab(page, 'Finished').textContent()).toBe('Finished0');
      expect(await queuedRows.locator('.queue-status').allTextContents()).toEqual(['Queued', 'Queued']);
      await resume.click();
      await page.getByRole('button', { name: 'Pause queue' }).waitFor({ timeout: 10_000 });
      for (const [at, name] of ['r1.bin', 'r2.bin'].entries()) {
        await expect.poll(() => existsSync(path.join(server.root, name)) && sha256(path.join(server.root, name)), { timeout: 60_000 }).toBe(sums[at]);
      }
      await expect.poll(() => queueTab(page, 'Finished').textContent(), { timeout: 20_000 }).toBe('Finished2');
    },
    TIMEOUT,
  );
});
