import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { makeTempDir } from '../support/temp-dir';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * The local pane, driven in Chromium through the web shell, the way a person uses it:
 * every control is found by its role and accessible name, and every change to the disk
 * is checked on the disk.
 */

const TIMEOUT = 60_000;

let shell: RunningWebShell;
let browser: Browser;
let home: { path: string; remove(): void };
const pages: Page[] = [];

beforeAll(async () => {
  home = makeTempDir('sluice-e2e-home-');
  // The pane opens the home folder first; point it at an empty temp folder.
  [shell, browser] = await Promise.all([startWebShell({ env: { HOME: home.path } }), launchChromium()]);
});

/** Console errors and uncaught exceptions of every page: a CSP violation shows up here too. */
const pageErrors: string[] = [];

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  // Every test ends with a clean console: no uncaught error, no CSP violation.
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  home?.remove();
});

/** A fresh temp folder for one test, removed afterwards. */
function folder(): string {
  const dir = makeTempDir('sluice-e2e-');
  afterEachRemovals.push(dir.remove);
  return dir.path;
}
const afterEachRemovals: (() => void)[] = [];
afterEach(() => afterEachRemovals.splice(0).forEach((remove) => remove()));

/** Opens the window and navigates the local pane to `dir` through the path bar. */
async function openAt(dir: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  pages.push(page);
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // CSP violations do not always reach the console; the page reports them to us itself.
  await page.exposeFunction('reportCspViolation', (text: string) => void pageErrors.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => report(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(shell.url);
  // Like a person, wait for the window to show the home folder before typing a path.
  await expect.poll(() => grid(page).getAttribute('data-folder'), { timeout: 30_000 }).toBe(home.path);
  await goTo(page, dir);
  return page;
}

async function goTo(page: Page, dir: string): Promise<void> {
  const pathBar = page.getByRole('textbox', { name: 'Local path' });
  await pathBar.fill(dir);
  await pathBar.press('Enter');
  // The grid names the folder it shows once the listing has landed; a folder of 100,000
  // files takes a few seconds to list and carry over the socket.
  await expect.poll(() => grid(page).getAttribute('data-folder'), { timeout: 30_000 }).toBe(dir);
  await expect.poll(() => grid(page).getAttribute('aria-busy')).toBe('false');
}

const grid = (page: Page): Locator => page.getByRole('grid', { name: 'Local files' });
const status = (page: Page): Locator => page.getByRole('status', { name: 'Local status' });
const pathValue = (page: Page) => page.getByRole('textbox', { name: 'Local path' }).inputValue();

/** The row whose name cell is exactly `name`. */
function row(page: Page, name: string): Locator {
  return grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });
}

/** Names of the rendered rows, top to bottom. */
async function visibleNames(page: Page): Promise<string[]> {
  const texts = await grid(page).locator('[role="row"][data-index]').evaluateAll((rows) =>
    rows
      .map((element) => ({ index: Number((element as HTMLElement).dataset.index), name: element.querySelector('.cell-text')?.textContent ?? '' }))
      .sort((a, b) => a.index - b.index)
      .map((item) => item.name),
  );
  return texts;
}

async function selectedNames(page: Page): Promise<string[]> {
  return grid(page)
    .locator('[role="row"][aria-selected="true"] .cell-text')
    .allTextContents();
}

describe('local pane', () => {
  it(
    'navigates into a folder and back with Enter, Backspace, double-click, Up and the path bar',
    async () => {
      const root = folder();
      mkdirSync(path.join(root, 'alpha', 'beta'), { recursive: true });
      writeFileSync(path.join(root, 'alpha', 'inside.txt'), 'x');
      writeFileSync(path.join(root, 'top.txt'), 'x');
      const page = await openAt(root);

      await expect.poll(() => visibleNames(page)).toEqual(['alpha', 'top.txt']);
      await row(page, 'alpha').click();
      await grid(page).press('Enter');
      await expect.poll(() => pathValue(page)).toBe(path.join(root, 'alpha'));
      await expect.poll(() => visibleNames(page)).toEqual(['beta', 'inside.txt']);

      await grid(page).press('Backspace');
      await expect.poll(() => pathValue(page)).toBe(root);
      // Going up selects the folder we came from, as file managers do.
      await expect.poll(() => selectedNames(page)).toEqual(['alpha']);

      await row(page, 'alpha').dblclick();
      await expect.poll(() => pathValue(page)).toBe(path.join(root, 'alpha'));
      await page.getByRole('button', { name: 'Up' }).click();
      await expect.poll(() => pathValue(page)).toBe(root);

      await goTo(page, path.join(root, 'alpha', 'beta'));
      await expect.poll(() => status(page).textContent()).toContain('0 items');

      // A folder that does not exist: the error shows inline and the listing stays.
      const pathBar = page.getByRole('textbox', { name: 'Local path' });
      await pathBar.fill(path.join(root, 'nowhere'));
      await pathBar.press('Enter');
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Folder not found');
      await expect.poll(() => pathBar.getAttribute('aria-invalid')).toBe('true');
      await pathBar.press('Escape');
      await expect.poll(() => pathBar.inputValue()).toBe(path.join(root, 'alpha', 'beta'));
      expect(await page.getByRole('alert').count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'sorts by size, folders first, and toggles the direction',
    async () => {
      const root = folder();
      mkdirSync(path.join(root, 'zz-folder'));
      writeFileSync(path.join(root, 'small'), Buffer.alloc(10));
      writeFileSync(path.join(root, 'big'), Buffer.alloc(3000));
      writeFileSync(path.join(root, 'mid'), Buffer.alloc(500));
      const page = await openAt(root);
      const sizeHeader = page.getByRole('columnheader', { name: 'Size' });

      await expect.poll(() => visibleNames(page)).toEqual(['zz-folder', 'big', 'mid', 'small']);
      expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
      expect(await sizeHeader.getAttribute('aria-sort')).toBe('none');

      await page.getByRole('button', { name: 'Size' }).click();
      await expect.poll(() => sizeHeader.getAttribute('aria-sort')).toBe('ascending');
      await expect.poll(() => visibleNames(page)).toEqual(['zz-folder', 'small', 'mid', 'big']);

      await page.getByRole('button', { name: 'Size' }).click();
      await expect.poll(() => sizeHeader.getAttribute('aria-sort')).toBe('descending');
      await expect.poll(() => visibleNames(page)).toEqual(['zz-folder', 'big', 'mid', 'small']);

      // Human sizes.
      await expect.poll(() => row(page, 'big').getByRole('gridcell').nth(1).textContent()).toBe('2.9 KiB');
    },
    TIMEOUT,
  );

  it(
    'selects with click, Shift+click, Shift+arrows, Ctrl+click and Ctrl+A, and sums the selection',
    async () => {
      const root = folder();
      for (let i = 1; i <= 10; i++) writeFileSync(path.join(root, `f${String(i).padStart(2, '0')}`), Buffer.alloc(100));
      const page = await openAt(root);

      await row(page, 'f03').click();
      await row(page, 'f06').click({ modifiers: ['Shift'] });
      await expect.poll(() => selectedNames(page)).toEqual(['f03', 'f04', 'f05', 'f06']);
      for (const name of ['f03', 'f04', 'f05', 'f06']) expect(await row(page, name).getAttribute('aria-selected')).toBe('true');
      for (const name of ['f02', 'f07']) expect(await row(page, name).getAttribute('aria-selected')).toBe('false');
      await expect.poll(() => status(page).textContent()).toBe('10 items·4 selected·400 B');

      await grid(page).press('Shift+ArrowDown');
      await expect.poll(() => selectedNames(page)).toEqual(['f03', 'f04', 'f05', 'f06', 'f07']);

      await row(page, 'f05').click({ modifiers: ['Control'] });
      await expect.poll(() => selectedNames(page)).toEqual(['f03', 'f04', 'f06', 'f07']);

      await grid(page).press('Control+a');
      await expect.poll(() => status(page).textContent()).toBe('10 items·10 selected·1,000 B');

      await grid(page).press('Home');
      await expect.poll(() => selectedNames(page)).toEqual(['f01']);
      await grid(page).press('End');
      await expect.poll(() => selectedNames(page)).toEqual(['f10']);
    },
    TIMEOUT,
  );

  it(
    'creates, renames and deletes a folder from the keyboard',
    async () => {
      const root = folder();
      writeFileSync(path.join(root, 'existing.txt'), 'x');
      const page = await openAt(root);
      await grid(page).focus();

      await grid(page).press('Control+Shift+N');
      const create = page.getByRole('dialog', { name: 'New folder' });
      expect(await create.getAttribute('aria-modal')).toBe('true');
      await page.keyboard.type('made-by-keys');
      await page.keyboard.press('Enter');
      await expect.poll(() => existsSync(path.join(root, 'made-by-keys'))).toBe(true);
      await expect.poll(() => create.count()).toBe(0);
      await expect.poll(() => selectedNames(page)).toEqual(['made-by-keys']);

      // Focus came back to the list, so F2 acts on the new folder.
      await page.keyboard.press('F2');
      const rename = page.getByRole('dialog', { name: 'Rename “made-by-keys”' });
      await rename.getByRole('textbox', { name: 'Name' }).fill('renamed-by-keys');
      await page.keyboard.press('Enter');
      await expect.poll(() => existsSync(path.join(root, 'renamed-by-keys'))).toBe(true);
      expect(existsSync(path.join(root, 'made-by-keys'))).toBe(false);
      await expect.poll(() => selectedNames(page)).toEqual(['renamed-by-keys']);

      // A name that exists: the dialog stays and says why; Escape cancels.
      await page.keyboard.press('F2');
      await page.getByRole('textbox', { name: 'Name' }).fill('existing.txt');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toBe('An item with that name already exists');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      await page.keyboard.press('Delete');
      const confirm = page.getByRole('dialog', { name: 'Delete permanently' });
      // The web shell has no trash, so the wording must say the deletion is final.
      expect(await confirm.getByText('Delete 1 item permanently? This cannot be undone.').count()).toBe(1);
      await page.keyboard.press('Escape');
      expect(existsSync(path.join(root, 'renamed-by-keys'))).toBe(true);

      await page.keyboard.press('Delete');
      await page.keyboard.press('Enter');
      await expect.poll(() => existsSync(path.join(root, 'renamed-by-keys'))).toBe(false);
      await expect.poll(() => visibleNames(page)).toEqual(['existing.txt']);
    },
    TIMEOUT,
  );

  it(
    'creates, renames and deletes a folder from the context menu',
    async () => {
      const root = folder();
      writeFileSync(path.join(root, 'a.txt'), 'x');
      const page = await openAt(root);

      // Right-click on empty space, below the rows.
      await grid(page).click({ button: 'right', position: { x: 200, y: 300 } });
      const menu = page.getByRole('menu', { name: 'Local file actions' });
      expect(await menu.getByRole('menuitem', { name: 'Delete' }).getAttribute('aria-disabled')).toBe('true');
      await menu.getByRole('menuitem', { name: 'New folder' }).click();
      await page.getByRole('dialog', { name: 'New folder' }).getByRole('textbox', { name: 'Name' }).fill('from-menu');
      await page.getByRole('button', { name: 'Create' }).click();
      await expect.poll(() => existsSync(path.join(root, 'from-menu'))).toBe(true);

      await row(page, 'from-menu').click({ button: 'right' });
      await menu.getByRole('menuitem', { name: 'Rename' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill('renamed-from-menu');
      await page.getByRole('button', { name: 'Rename' }).click();
      await expect.poll(() => existsSync(path.join(root, 'renamed-from-menu'))).toBe(true);
      expect(existsSync(path.join(root, 'from-menu'))).toBe(false);

      // Shift+F10 opens the same menu from the keyboard, on the focused row.
      await row(page, 'renamed-from-menu').click();
      await grid(page).press('Shift+F10');
      await expect.poll(() => menu.count()).toBe(1);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Delete');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Delete permanently' }).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => existsSync(path.join(root, 'renamed-from-menu'))).toBe(false);
      await expect.poll(() => visibleNames(page)).toEqual(['a.txt']);
    },
    TIMEOUT,
  );

  it(
    'opens a folder of 100,000 files and scrolls to the end with only a few hundred rows in the DOM',
    async () => {
      const root = folder();
      for (let i = 0; i < 100_000; i++) writeFileSync(path.join(root, `file-${String(i).padStart(6, '0')}.txt`), '');
      const page = await openAt(root);
      await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toBe('100,000 items');
      expect(await grid(page).getAttribute('aria-rowcount')).toBe('100001');

      await row(page, 'file-000000.txt').click();
      await grid(page).press('End');
      const last = page.getByRole('gridcell', { name: 'file-099999.txt', exact: true });
      await last.waitFor({ state: 'visible' });
      await expect.poll(() => last.isVisible()).toBe(true);
      expect(await row(page, 'file-099999.txt').getAttribute('aria-rowindex')).toBe('100001');
      const rendered = await grid(page).locator('[role="row"]').count();
      expect(rendered).toBeGreaterThan(10);
      expect(rendered).toBeLessThan(300);

      // Scrolling with the wheel (not only jumping) keeps the DOM small too.
      await grid(page).hover();
      for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -4000);
      expect(await grid(page).locator('[role="row"]').count()).toBeLessThan(300);
    },
    120_000,
  );

  it(
    'shows the remote pane as not connected, a resizable bottom area, and follows the OS colour scheme',
    async () => {
      const root = folder();
      const light = await openAt(root, { colorScheme: 'light' });
      const remote = light.getByRole('region', { name: 'Remote pane' });
      expect(await remote.getByText('Not connected', { exact: true }).isVisible()).toBe(true);
      expect(await light.getByRole('region', { name: 'Quick connect' }).isVisible()).toBe(true);

      const splitter = light.getByRole('separator', { name: 'Resize transfer queue and log' });
      const before = Number(await splitter.getAttribute('aria-valuenow'));
      await splitter.focus();
      await splitter.press('ArrowUp');
      await expect.poll(async () => Number(await splitter.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
      const area = light.getByRole('region', { name: 'Transfers and log' });
      await expect.poll(async () => (await area.boundingBox())?.height).toBeGreaterThan(before);

      const dark = await openAt(root, { colorScheme: 'dark' });
      const background = (page: Page) => grid(page).evaluate((element) => getComputedStyle(element.closest('.pane')!).backgroundColor);
      expect(await background(light)).not.toBe(await background(dark));
    },
    TIMEOUT,
  );
});
