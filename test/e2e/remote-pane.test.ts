import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startServer, type RunningServer } from '../support/servers';
import { makeTempDir } from '../support/temp-dir';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { connectTrustingAlways, remoteGrid, remoteNames, remoteRow, seedManyFiles, waitForRemoteFolder } from './ftp-support';
import { openGuardedPage } from './page-guard';

/**
 * The remote pane against a real vsftpd: folders made, renamed and deleted from the pane
 * are checked on the server's disk, and a folder of 20,000 entries lists and scrolls.
 */

const TIMEOUT = 120_000;
const BIG = 20_000;
let browser: Browser;
let server: RunningServer;
let shell: RunningWebShell;
let home: { path: string; remove(): void };
const pages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  home = makeTempDir('sluice-e2e-home-');
  [browser, server, shell] = await Promise.all([launchChromium(), startServer('vsftpd'), startWebShell({ env: { HOME: home.path } })]);
  await server.writeFile('existing.txt', 'x');
  await server.writeFile('full/inner/deep.txt', 'deep');
  seedManyFiles(server, 'big', BIG);
}, 120_000);

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  await server?.stop();
  home?.remove();
});

/** Opens the window, connects, and trusts the certificate the first time it is asked. */
async function connected(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await openGuardedPage(browser, shell.url, pageErrors, { colorScheme });
  pages.push(page);
  await connectTrustingAlways(page, server);
  return page;
}

describe('remote pane', () => {
  it(
    'creates, renames and deletes (recursively) a remote folder',
    async () => {
      const page = await connected();
      await remoteGrid(page).focus();
      await page.getByRole('region', { name: 'Remote pane' }).getByRole('button', { name: 'New folder' }).click();
      const create = page.getByRole('dialog', { name: 'New folder' });
      await create.getByLabel('Name').fill('made-remotely');
      await create.getByRole('button', { name: 'Create' }).click();
      await expect.poll(() => existsSync(path.join(server.root, 'made-remotely'))).toBe(true);
      await expect.poll(() => remoteNames(page)).toEqual(['big', 'full', 'made-remotely', 'existing.txt']);

      await remoteRow(page, 'made-remotely').click();
      await remoteGrid(page).press('F2');
      const rename = page.getByRole('dialog', { name: 'Rename “made-remotely”' });
      await rename.getByLabel('Name').fill('renamed-remotely');
      await rename.getByLabel('Name').press('Enter');
      await expect.poll(() => existsSync(path.join(server.root, 'renamed-remotely'))).toBe(true);
      expect(existsSync(path.join(server.root, 'made-remotely'))).toBe(false);

      // A folder with content goes with everything in it, after a confirmation that says so.
      await remoteRow(page, 'full').click();
      await remoteGrid(page).press('Delete');
      const confirm = page.getByRole('dialog', { name: 'Delete permanently' });
      expect(await confirm.textContent()).toContain('Folders are deleted with everything in them.');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => existsSync(path.join(server.root, 'full')), { timeout: 20_000 }).toBe(false);
      await expect.poll(() => remoteNames(page)).toEqual(['big', 'renamed-remotely', 'existing.txt']);
      await page.screenshot({ path: '/tmp/sluice-real-remote-pane.png' });
    },
    TIMEOUT,
  );

  it(
    `lists a folder of ${BIG.toLocaleString('en')} entries and scrolls to its end with few rows in the DOM`,
    async () => {
      const page = await connected('dark');
      await remoteRow(page, 'big').dblclick();
      await waitForRemoteFolder(page, '/big', 60_000);
      await expect.poll(() => page.getByRole('status', { name: 'Remote status' }).textContent()).toContain(`${BIG.toLocaleString()} items`);
      await remoteGrid(page).focus();
      await remoteGrid(page).press('End');
      await expect.poll(async () => (await remoteNames(page)).at(-1)).toBe(`file-${String(BIG - 1).padStart(5, '0')}.txt`);
      const rendered = await remoteGrid(page).locator('[role="row"]').count();
      expect(rendered).toBeGreaterThan(10);
      expect(rendered).toBeLessThan(300);
      await page.screenshot({ path: '/tmp/sluice-real-big-folder-dark.png' });
    },
    TIMEOUT,
  );
});
