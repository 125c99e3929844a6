import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../shared/remote-entry';
import type { FileExistsRequest } from '../../shared/services/prompts';
import type { SessionState } from '../../shared/services/session';
import { makeTempDir } from '../support/temp-dir';
import { FakeServices } from './fake-shell';
import { useFakeShellPages } from './fake-shell-pages';
import { FakeTransfers, item } from './transfers-fake';

/**
 * The queue panel, the file-exists dialog and drag and drop over scripted services: a
 * 10,000-item queue, conflicts on demand, and drops checked by what they asked for. The
 * real-server round trip is in transfers-real.test.ts.
 */

const TIMEOUT = 90_000;
const open = useFakeShellPages({ width: 1400, height: 900 });
const removals: (() => void)[] = [];
afterEach(() => removals.splice(0).forEach((remove) => remove()));

const connectedState: SessionState = { status: 'connected', host: 'ftp.example.com', port: 2121, user: 'alice', tlsMode: 'explicit', home: '/home/alice' };
const remoteEntries: RemoteEntry[] = [
  { name: 'projects', kind: 'dir', modified: Date.UTC(2026, 0, 5) },
  { name: 'archive', kind: 'dir', modified: Date.UTC(2026, 0, 6) },
  { name: 'report.pdf', kind: 'file', size: 482_113, modified: Date.UTC(2026, 1, 2) },
];

const queuedGrid = (page: Page) => page.getByRole('grid', { name: 'Queued transfers' });
const localGrid = (page: Page) => page.getByRole('grid', { name: 'Local files' });
const remoteGrid = (page: Page) => page.getByRole('grid', { name: 'Remote files' });
const rowNamed = (grid: Locator, name: string) => grid.locator('[role="row"][data-index]').filter({ has: grid.page().locator('.cell-text', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });

/** Connects the fake session and shows `dir` in the local pane. */
async function connectedWithLocal(fake: FakeServices, dir: string): Promise<Page> {
  fake.nextConnect = connectedState;
  fake.listings.set('/home/alice', { path: '/home/alice', parent: '/home', entries: remoteEntries });
  const page = await open(fake);
  const bar = page.getByRole('toolbar', { name: 'Quick connect' });
  await bar.getByLabel('Host').fill('ftpes://alice@ftp.example.com:2121');
  await bar.getByLabel('Password').fill('pw');
  await bar.getByLabel('Password').press('Enter');
  await expect.poll(() => remoteGrid(page).getAttribute('data-folder')).toBe('/home/alice');
  const pathBar = page.getByRole('textbox', { name: 'Local path' });
  await pathBar.fill(dir);
  await pathBar.press('Enter');
  await expect.poll(() => localGrid(page).getAttribute('data-folder')).toBe(dir);
  return page;
}

/**
 * Starts a drag and holds it over `to`, so a test can look at the highlight before letting
 * go (`release`). Dispatched events with one shared DataTransfer, as a browser would send
 * them: Chromium's native drag does not start twice in a row under Playwright's mouse.
 */
async function dragOver(page: Page, from: Locator, to: Locator): Promise<{ release(): Promise<void> }> {
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await from.dispatchEvent('dragstart', { dataTransfer });
  await to.dispatchEvent('dragenter', { dataTransfer });
  await to.dispatchEvent('dragover', { dataTransfer });
  return {
    async release() {
      await to.dispatchEvent('dragleave', { dataTransfer });
      await from.dispatchEvent('dragend', { dataTransfer });
    },
  };
}

describe('queue panel', () => {
  it(
    'pages a 10,000-item queue, patches progress in place, and runs its commands',
    async () => {
      const fake = new FakeServices();
      const transfers = new FakeTransfers();
      transfers.fill(10_000, 3);
      transfers.items[9_998] = item(9_998, 'failed', { error: { kind: 'ftp', message: '550 Permission denied', code: 550 } });
      transfers.items[9_999] = item(9_999, 'done', { bytesDone: 1_048_576 });
      fake.transfers = transfers.service();
      const page = await open(fake);

      const tabs = page.getByRole('tablist', { name: 'Queue views' });
      await expect.poll(() => tabs.getByRole('tab', { name: /Queued/ }).textContent()).toBe('Queued9,998');
      expect(await tabs.getByRole('tab', { name: /Failed/ }).textContent()).toBe('Failed1');
      await expect.poll(() => queuedGrid(page).locator('[data-id="t0"]').count()).toBe(1);
      // Virtualized and paged: a few rows in the DOM, never the whole queue in one answer.
      expect(await queuedGrid(page).getByRole('row').count()).toBeLessThan(60);
      expect(transfers.largestPage).toBeLessThanOrEqual(1000);
      const first = queuedGrid(page).getByRole('progressbar', { name: 'Uploading file-00000.bin' });
      expect(await first.count()).toBe(0);
      const active = queuedGrid(page).getByRole('progressbar', { name: 'Downloading file-00000.bin' });
      expect(await active.getAttribute('aria-valuenow')).toBe('41');
      expect(await queuedGrid(page).locator('[data-id="t0"]').textContent()).toMatch(/1\.3 MiB\/s/);

      // Five batches of progress for 1,000 items each land, the last one wins. How long the main
      // thread is busy meanwhile is a speed figure: the bench's 10,000-item queue reports it.
      for (let round = 1; round <= 5; round++) {
        transfers.change(transfers.items.slice(0, 1000).map((one) => ({ ...one, bytesDone: Math.min(1_048_576, round * 200_000) })));
      }
      await expect.poll(() => active.getAttribute('aria-valuenow')).toBe('95');
      await expect.poll(() => page.title()).toMatch(/^\d+% — Sluice$/);

      // Scroll to the end: the last pages are fetched as they come into view.
      await queuedGrid(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect.poll(() => queuedGrid(page).locator('[data-id="t9997"]').count()).toBe(1);
      expect(await queuedGrid(page).getByRole('row').count()).toBeLessThan(60);

      // Commands act on the selection.
      await queuedGrid(page).locator('[data-id="t9997"]').click();
      await queuedGrid(page).locator('[data-id="t9995"]').click({ modifiers: ['Shift'] });
      await page.getByRole('button', { name: 'Move earlier' }).click();
      await expect.poll(() => transfers.calls.at(-1)).toBe('move t9995,t9996,t9997 up');
      await page.getByRole('button', { name: 'Cancel selected' }).click();
      await expect.poll(() => transfers.calls.at(-1)).toBe('cancel t9995,t9996,t9997');
      await page.getByRole('button', { name: 'Pause queue' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Resume queue' }).count()).toBe(1);
      await expect.poll(() => page.title()).toBe('Paused — Sluice');
      await page.getByRole('button', { name: 'Resume queue' }).click();
      const limit = page.getByRole('textbox', { name: 'Speed limit' });
      await limit.fill('512');
      await limit.press('Enter');
      await expect.poll(() => transfers.calls.at(-1)).toBe(`setSpeedLimit ${512 * 1024}`);
      await limit.fill('');
      await limit.press('Enter');
      await expect.poll(() => transfers.calls.at(-1)).toBe('setSpeedLimit null');

      await tabs.getByRole('tab', { name: /Failed/ }).click();
      const failed = page.getByRole('grid', { name: 'Failed transfers' });
      await expect.poll(() => failed.locator('[data-id="t9998"]').textContent()).toMatch(/Failed: .*Permission denied/);
      await failed.locator('[data-id="t9998"]').click();
      await page.getByRole('button', { name: 'Retry selected' }).click();
      await expect.poll(() => transfers.calls.at(-1)).toBe('retry t9998');
      await tabs.getByRole('tab', { name: /Queued/ }).click();
      await expect.poll(() => page.getByRole('status', { name: 'Queue totals' }).textContent()).toMatch(/9,998 files left · .* of .*· 1 failed/);
      await page.screenshot({ path: '/tmp/sluice-queue-light.png' });

      // A long run ended: no notification permission in this browser, so an in-window toast says it.
      transfers.finished.fire({ done: 9_999, failed: 1, elapsedMs: 60_000 });
      await expect.poll(() => page.getByRole('status', { name: 'Queue finished' }).textContent()).toBe('9,999 transfers finished, 1 failed');
      await page.getByRole('tab', { name: /Finished/ }).click();
      await page.getByRole('button', { name: 'Clear finished' }).click();
      await expect.poll(() => transfers.calls.at(-1)).toBe('clearFinished');
      await expect.poll(() => page.getByText('No finished transfers.').count()).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'shows the queue in the dark theme',
    async () => {
      const fake = new FakeServices();
      const transfers = new FakeTransfers();
      transfers.fill(40, 2);
      transfers.items[5] = item(5, 'failed', { error: { kind: 'timeout', message: 'Timed out' }, attempts: 3 });
      fake.transfers = transfers.service();
      const page = await open(fake, 'dark');
      await expect.poll(() => queuedGrid(page).locator('[data-id="t1"]').count()).toBe(1);
      // A taller bottom area, as someone watching a queue would make it.
      const splitter = page.getByRole('separator', { name: 'Resize transfer queue and log' });
      await splitter.focus();
      for (let step = 0; step < 12; step++) await splitter.press('ArrowUp');
      await page.screenshot({ path: '/tmp/sluice-queue-dark.png' });
    },
    TIMEOUT,
  );
});

const conflict = (over: Partial<FileExistsRequest> = {}): FileExistsRequest => ({
  id: 'fe1',
  kind: 'file-exists',
  direction: 'upload',
  source: { path: '/home/alice/out/report.pdf', size: 482_113, modified: Date.UTC(2026, 1, 2, 10) },
  target: { path: '/srv/in/report.pdf', size: 120_000, modified: Date.UTC(2026, 0, 2, 10) },
  suggestedName: 'report (1).pdf',
  canResume: true,
  ...over,
});

describe('file-exists dialog', () => {
  it(
    'compares both files and answers Resume, Rename (validated) and Escape as Skip',
    async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const fake = new FakeServices();
        const page = await open(fake, scheme);
        fake.ask(conflict());
        const dialog = page.getByRole('dialog', { name: 'Target file exists' });
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain('“report.pdf” already exists on the server.');
        expect(await dialog.locator('.exists-side.is-newer').textContent()).toContain('Source (local)');
        // Focus starts on Resume, the safe continuation of a partial file.
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Resume');
        await page.screenshot({ path: `/tmp/sluice-queue-file-exists-${scheme}.png` });
        await dialog.getByRole('button', { name: 'Resume' }).click();
        await expect.poll(() => fake.answers.at(-1)).toEqual({ id: 'fe1', answer: { kind: 'file-exists', action: 'resume', applyToAll: false } });

        fake.ask(conflict({ id: 'fe2', canResume: false }));
        await dialog.waitFor();
        expect(await dialog.getByRole('button', { name: 'Resume' }).count()).toBe(0);
        const name = dialog.getByLabel('Name for Rename');
        expect(await name.inputValue()).toBe('report (1).pdf');
        await name.fill('sub/dir.pdf');
        expect(await dialog.getByRole('alert').textContent()).toBe('Name cannot contain / or \\');
        expect(await dialog.getByRole('button', { name: 'Rename' }).isDisabled()).toBe(true);
        await name.fill('report-new.pdf');
        await dialog.getByLabel('Apply to all in this queue').check();
        await dialog.getByRole('button', { name: 'Rename' }).click();
        await expect.poll(() => fake.answers.at(-1)).toEqual({
          id: 'fe2',
          answer: { kind: 'file-exists', action: 'rename', newName: 'report-new.pdf', applyToAll: true },
        });

        fake.ask(conflict({ id: 'fe3' }));
        await dialog.waitFor();
        await page.keyboard.press('Escape');
        await expect.poll(() => fake.answers.at(-1)).toEqual({ id: 'fe3', answer: { kind: 'file-exists', action: 'skip', applyToAll: false } });
        await expect.poll(() => dialog.count()).toBe(0);
      }
    },
    TIMEOUT,
  );
});

describe('drag and drop', () => {
  it(
    'uploads, downloads and moves by dragging, refuses file rows visibly, and offers menu and keys',
    async () => {
      const dir = makeTempDir('sluice-e2e-dnd-');
      removals.push(dir.remove);
      for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(path.join(dir.path, name), name);
      mkdirSync(path.join(dir.path, 'nested', 'deeper'), { recursive: true });
      const fake = new FakeServices();
      const transfers = new FakeTransfers();
      fake.transfers = transfers.service();
      const page = await connectedWithLocal(fake, dir.path);

      // Three files and a folder, dropped on the remote background: one upload into the current folder.
      await rowNamed(localGrid(page), 'nested').click();
      await rowNamed(localGrid(page), 'c.txt').click({ modifiers: ['Shift'] });
      await rowNamed(localGrid(page), 'a.txt').dragTo(remoteGrid(page), { targetPosition: { x: 200, y: 200 } });
      await expect.poll(() => transfers.enqueued.at(-1)).toEqual({
        direction: 'upload',
        sources: [
          { path: path.join(dir.path, 'nested'), kind: 'folder' },
          { path: path.join(dir.path, 'a.txt'), kind: 'file' },
          { path: path.join(dir.path, 'b.txt'), kind: 'file' },
          { path: path.join(dir.path, 'c.txt'), kind: 'file' },
        ],
        targetFolder: '/home/alice',
      });

      // Onto a folder row: that folder is the target.
      await rowNamed(localGrid(page), 'b.txt').click();
      await rowNamed(localGrid(page), 'b.txt').dragTo(rowNamed(remoteGrid(page), 'projects'));
      await expect.poll(() => transfers.enqueued.at(-1)?.targetFolder).toBe('/home/alice/projects');

      // Onto a file row: refused, and it shows.
      const refused = await dragOver(page, rowNamed(localGrid(page), 'b.txt'), rowNamed(remoteGrid(page), 'report.pdf'));
      await expect.poll(() => rowNamed(remoteGrid(page), 'report.pdf').getAttribute('class')).toContain('is-drop-refused');
      expect(await page.getByRole('status', { name: 'Drop' }).textContent()).toBe('Drop onto a folder or an empty area');
      await page.screenshot({ path: '/tmp/sluice-queue-drop-refused.png' });
      await refused.release();
      expect(transfers.enqueued).toHaveLength(2);

      // Remote to local: a download into the local folder; remote onto a remote folder: a move.
      await rowNamed(remoteGrid(page), 'report.pdf').dragTo(localGrid(page), { targetPosition: { x: 200, y: 250 } });
      await expect.poll(() => transfers.enqueued.at(-1)).toEqual({
        direction: 'download',
        sources: [{ path: '/home/alice/report.pdf', kind: 'file' }],
        targetFolder: dir.path,
      });
      await rowNamed(remoteGrid(page), 'report.pdf').dragTo(rowNamed(remoteGrid(page), 'archive'));
      await expect.poll(() => fake.calls.at(-1)).toBe('move /home/alice/report.pdf -> /home/alice/archive');
      // A folder onto itself is refused.
      const itself = await dragOver(page, rowNamed(remoteGrid(page), 'archive'), rowNamed(remoteGrid(page), 'archive'));
      await expect.poll(() => page.getByRole('status', { name: 'Drop' }).textContent()).toBe('A folder cannot go into itself');
      await itself.release();

      // Keyboard and menu: Ctrl+D downloads the remote selection, the menu's Add to queue leaves a paused queue paused.
      await rowNamed(remoteGrid(page), 'projects').click();
      await remoteGrid(page).press('Control+d');
      await expect.poll(() => transfers.enqueued.at(-1)).toEqual({ direction: 'download', sources: [{ path: '/home/alice/projects', kind: 'folder' }], targetFolder: dir.path });
      await page.getByRole('button', { name: 'Pause queue' }).click();
      await rowNamed(localGrid(page), 'c.txt').click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Local file actions' });
      expect(await menu.getByRole('menuitem', { name: /Upload/ }).textContent()).toContain('Ctrl+U');
      await menu.getByRole('menuitem', { name: /Add to queue/ }).click();
      await expect.poll(() => transfers.enqueued.at(-1)?.sources).toEqual([{ path: path.join(dir.path, 'c.txt'), kind: 'file' }]);
      expect(transfers.calls.filter((call) => call === 'resume')).toHaveLength(0);
      await localGrid(page).press('Control+u');
      await expect.poll(() => transfers.calls.at(-1)).toBe('resume');
      expect(transfers.enqueued).toHaveLength(6);
    },
    TIMEOUT,
  );

  it(
    'refuses drops between panes while disconnected',
    async () => {
      const dir = makeTempDir('sluice-e2e-dnd-');
      removals.push(dir.remove);
      writeFileSync(path.join(dir.path, 'a.txt'), 'a');
      const fake = new FakeServices();
      const page = await open(fake);
      const pathBar = page.getByRole('textbox', { name: 'Local path' });
      await pathBar.fill(dir.path);
      await pathBar.press('Enter');
      await expect.poll(() => localGrid(page).getAttribute('data-folder')).toBe(dir.path);
      const drag = await dragOver(page, rowNamed(localGrid(page), 'a.txt'), localGrid(page).locator('.grid-body'));
      await expect.poll(() => page.getByRole('status', { name: 'Drop' }).textContent()).toBe('Connect to a server first');
      expect(await localGrid(page).getAttribute('class')).toContain('is-drop-refused');
      await drag.release();
      expect(await page.getByRole('status', { name: 'Drop' }).count()).toBe(0);
    },
    TIMEOUT,
  );
});
