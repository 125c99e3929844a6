import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { makeTempDir } from '../support/temp-dir';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { openGuardedPage } from './page-guard';

/**
 * Empty Site Manager folders, in Chromium through the real web shell: they are stored in
 * sites.json, so they outlive a reload of the window and a restart of the shell.
 */

const TIMEOUT = 60_000;
let browser: Browser;
const cleanups: (() => Promise<void> | void)[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 30_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

async function shell(dataDir: string): Promise<RunningWebShell> {
  const home = makeTempDir('sluice-e2e-home-');
  const running = await startWebShell({ env: { HOME: home.path }, dataDir });
  cleanups.push(() => running.stop(), home.remove);
  return running;
}

async function openManager(running: RunningWebShell): Promise<{ page: Page; manager: Locator }> {
  const page = await openGuardedPage(browser, running.url, pageErrors);
  cleanups.push(() => page.close());
  await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
  return { page, manager: page.getByRole('dialog', { name: 'Site Manager' }) };
}

/** The tree's rows as `level:name`, in order. */
async function treeRows(manager: Locator): Promise<string[]> {
  const items = manager.getByRole('treeitem');
  const rows: string[] = [];
  for (const item of await items.all()) rows.push(`${await item.getAttribute('aria-level')}:${(await item.textContent())?.trim()}`);
  return rows;
}

interface SelectionRecord {
  selectedRows: string[];
}

/** From now on, the page notes the selected tree rows after every change of the page. */
async function recordSelectedRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = window as unknown as SelectionRecord;
    record.selectedRows = [];
    new MutationObserver(() => {
      const rows = document.querySelectorAll('[role="treeitem"][aria-selected="true"]');
      record.selectedRows.push(Array.from(rows, (row) => row.textContent ?? '').join(' + '));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const storedFolders = (dataDir: string) => (JSON.parse(readFileSync(path.join(dataDir, 'sites.json'), 'utf8')) as { folders: string[] }).folders;

describe('Site Manager folders', () => {
  it(
    'keeps an empty folder over a reload and a restart; renames it with a sub-folder inside, then deletes it',
    async () => {
      const data = makeTempDir('sluice-e2e-data-');
      cleanups.push(data.remove);
      const first = await shell(data.path);
      const { page, manager } = await openManager(first);
      await manager.getByRole('button', { name: 'New folder' }).click();
      await expect.poll(() => manager.getByRole('treeitem', { name: 'New folder' }).getAttribute('aria-selected')).toBe('true');
      // A folder inside the empty one: the rename below must carry it along.
      await manager.getByRole('button', { name: 'New folder' }).click();
      await expect.poll(() => treeRows(manager)).toEqual(['1:My sites', '2:New folder', '3:New folder']);
      expect(storedFolders(data.path)).toEqual(['New folder', 'New folder/New folder']);

      await page.reload();
      await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
      await expect.poll(() => treeRows(manager)).toEqual(['1:My sites', '2:New folder', '3:New folder']);
      await page.close();
      await first.stop();

      const second = await shell(data.path);
      const again = await openManager(second);
      await expect.poll(() => treeRows(again.manager)).toEqual(['1:My sites', '2:New folder', '3:New folder']);
      await again.manager.getByRole('treeitem', { name: 'New folder' }).first().click();
      await again.manager.getByLabel('Folder name').fill('Archive');
      await recordSelectedRows(again.page);
      await again.manager.getByRole('button', { name: 'Rename folder' }).click();
      await expect.poll(() => treeRows(again.manager)).toEqual(['1:My sites', '2:Archive', '3:New folder']);
      await expect.poll(() => again.manager.getByRole('treeitem', { name: 'Archive' }).getAttribute('aria-selected')).toBe('true');
      // The service pushes the renamed lists before the rename's own answer: the folder stays selected throughout, under one name or the other.
      const selected = await again.page.evaluate(() => (window as unknown as SelectionRecord).selectedRows);
      expect(selected.length).toBeGreaterThan(0);
      expect(selected.filter((row) => row !== 'New folder' && row !== 'Archive')).toEqual([]);
      expect(storedFolders(data.path)).toEqual(['Archive', 'Archive/New folder']);

      await again.page.reload();
      await again.page.getByRole('button', { name: 'Site Manager', exact: true }).click();
      await expect.poll(() => treeRows(again.manager)).toEqual(['1:My sites', '2:Archive', '3:New folder']);
      await again.manager.getByRole('treeitem', { name: 'Archive' }).click();
      await again.manager.getByRole('button', { name: 'Delete' }).click();
      const confirm = again.page.getByRole('dialog', { name: 'Delete' });
      expect(await confirm.textContent()).toContain('the folder “Archive”');
      expect(await confirm.textContent()).not.toContain('sites');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => treeRows(again.manager)).toEqual(['1:My sites']);
      expect(storedFolders(data.path)).toEqual([]);

      await again.page.reload();
      await again.page.getByRole('button', { name: 'Site Manager', exact: true }).click();
      await again.manager.getByRole('treeitem', { name: 'My sites' }).waitFor();
      expect(await treeRows(again.manager)).toEqual(['1:My sites']);
    },
    TIMEOUT,
  );
});
