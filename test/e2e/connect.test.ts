import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startServer, type RunningServer } from '../support/servers';
import { makeTempDir } from '../support/temp-dir';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import {
  logTexts,
  quickConnectTo,
  readAllFiles,
  remoteNames,
  remotePane,
  sha256Of,
  startRelay,
  waitForRemoteFolder,
  type Relay,
} from './ftp-support';
import { openGuardedPage } from './page-guard';

/**
 * Connecting end to end, in Chromium through the web shell, to a real vsftpd whose
 * throwaway CA the app does not know: the certificate is untrusted, so the person decides.
 * A relay keeps one host:port while the server (and so its certificate) behind it changes.
 */

const TIMEOUT = 120_000;
let browser: Browser;
let first: RunningServer;
let relay: Relay;
const cleanups: (() => Promise<void> | void)[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [browser, first] = await Promise.all([launchChromium(), startServer('vsftpd')]);
  await first.writeFile('hello.txt', 'hello');
  await first.writeFile('docs/readme.md', '# readme');
  relay = await startRelay(first.port);
}, 60_000);

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  // Failed connections say so in the console of no page: any error here is a real one.
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await relay?.close();
  await first?.stop();
  await browser?.close();
});

async function shell(dataDir?: string): Promise<RunningWebShell> {
  const home = makeTempDir('sluice-e2e-home-');
  const running = await startWebShell({ env: { HOME: home.path }, ...(dataDir && { dataDir }) });
  cleanups.push(() => running.stop(), home.remove);
  return running;
}

async function open(running: RunningWebShell, colorScheme: 'light' | 'dark' = 'light', beforeGoto?: (page: Page) => void): Promise<Page> {
  const page = await openGuardedPage(browser, running.url, pageErrors, { colorScheme, ...(beforeGoto && { beforeGoto }) });
  pages.push(page);
  return page;
}

describe('connect', () => {
  it(
    'asks about the unknown certificate with its real SHA-256, pins it, lists, disconnects and reconnects without asking',
    async () => {
      const page = await open(await shell());
      await quickConnectTo(page, first, relay.port);
      const dialog = page.getByRole('dialog', { name: 'Unknown certificate' });
      await dialog.waitFor({ timeout: 30_000 });
      expect(await dialog.getByLabel('SHA-256 fingerprint').first().textContent()).toBe(sha256Of(first.serverCertPath));
      expect(await dialog.textContent()).toContain(`127.0.0.1:${relay.port}`);
      await page.screenshot({ path: '/tmp/sluice-real-unknown-certificate.png' });
      await dialog.getByRole('button', { name: 'Always trust' }).click();

      await waitForRemoteFolder(page, '/');
      await expect.poll(() => remoteNames(page)).toEqual(['docs', 'hello.txt']);
      await expect.poll(() => page.title()).toBe('Sluice — 127.0.0.1');
      expect(await page.getByRole('button', { name: /^Encrypted with TLS/ }).count()).toBe(1);
      await page.screenshot({ path: '/tmp/sluice-real-connected.png' });

      await remotePane(page).getByRole('button', { name: 'Disconnect' }).click();
      await expect.poll(() => remotePane(page).getByText(`Disconnected from 127.0.0.1:${relay.port}`).count()).toBe(1);
      await remotePane(page).getByRole('button', { name: 'Reconnect' }).click();
      await waitForRemoteFolder(page, '/');
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(await remoteNames(page)).toEqual(['docs', 'hello.txt']);

      // The same pin holds for the next scenario: the server behind the relay changes.
      const second = await startServer('vsftpd', { user: first.user, password: first.password });
      cleanups.push(() => second.stop());
      await remotePane(page).getByRole('button', { name: 'Disconnect' }).click();
      await page.getByRole('tab', { name: 'Log' }).click();
      await page.getByRole('button', { name: 'Clear' }).click();
      relay.retarget(second.port);
      await remotePane(page).getByRole('button', { name: 'Reconnect' }).click();

      const warning = page.getByRole('alertdialog', { name: "The server's certificate has changed" });
      await warning.waitFor({ timeout: 30_000 });
      const before = warning.getByRole('region', { name: 'Trusted before' }).getByLabel('SHA-256 fingerprint');
      const now = warning.getByRole('region', { name: 'Presented now' }).getByLabel('SHA-256 fingerprint');
      expect(await before.textContent()).toBe(sha256Of(first.serverCertPath));
      expect(await now.textContent()).toBe(sha256Of(second.serverCertPath));
      expect(await warning.textContent()).toContain('Same public key: no.');
      await page.screenshot({ path: '/tmp/sluice-real-changed-certificate.png' });
      // Cancel is the default button: Enter refuses.
      await page.keyboard.press('Enter');

      await expect.poll(() => remotePane(page).getByRole('alert').textContent(), { timeout: 20_000 }).toBe(
        'Certificate rejected. The connection was closed before your password was sent.',
      );
      // Nothing after the handshake: the second server never saw a user name.
      expect(await second.readLogs()).not.toMatch(/USER/);
      expect((await logTexts(page)).filter((text) => /^USER\b/.test(text))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'asks for the password when the bar has none, masked, and logs in with it',
    async () => {
      const page = await open(await shell(), 'dark');
      const bar = page.getByRole('toolbar', { name: 'Quick connect' });
      await bar.getByLabel('Host').fill(`ftpes://${first.user}@127.0.0.1:${first.port}`);
      await bar.getByLabel('Host').press('Enter');
      // The engine may ask for the password before or after the certificate: answer both.
      const prompt = page.getByRole('dialog', { name: 'Enter password' });
      const certificate = page.getByRole('dialog', { name: 'Unknown certificate' });
      let asked = false;
      await expect
        .poll(
          async () => {
            if (await prompt.count()) {
              const field = prompt.getByLabel('Password', { exact: true });
              expect(await field.getAttribute('type')).toBe('password');
              await field.fill(first.password);
              await page.screenshot({ path: '/tmp/sluice-real-password-dark.png' });
              await field.press('Enter');
              asked = true;
            }
            if (await certificate.count()) await certificate.getByRole('button', { name: 'Trust once' }).click();
            return remoteNames(page);
          },
          { timeout: 30_000, interval: 300 },
        )
        .toEqual(['docs', 'hello.txt']);
      expect(asked).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'saves a site with its password from the Site Manager; after a restart the site is there, connects, and no file holds the password',
    async () => {
      const data = makeTempDir('sluice-e2e-data-');
      cleanups.push(data.remove);
      const before = await shell(data.path);
      const page = await open(before);
      await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
      const manager = page.getByRole('dialog', { name: 'Site Manager' });
      await manager.getByRole('button', { name: 'New site' }).click();
      await manager.getByLabel('Name').fill('Test vsftpd');
      await manager.getByLabel('Folder').fill('Servers/Local');
      await manager.getByLabel('Host').fill('127.0.0.1');
      await manager.getByLabel('Port').fill(String(first.port));
      await manager.getByLabel('User').fill(first.user);
      // Saved with "Save password" but none typed: the field must not claim a saved one.
      const passwordField = manager.getByLabel('Password', { exact: true });
      await manager.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => manager.getByRole('treeitem', { name: 'Test vsftpd' }).getAttribute('aria-selected')).toBe('true');
      expect(await passwordField.getAttribute('placeholder')).toBe('');
      await passwordField.fill(first.password);
      await manager.getByRole('button', { name: 'Save' }).click();

      // The web shell keeps secrets in a master-password vault: the first save creates it.
      const master = page.getByRole('dialog', { name: /master password|Unlock saved passwords/ });
      await master.waitFor();
      const create = (await master.getByLabel('Repeat master password').count()) > 0;
      await master.getByLabel('Master password', { exact: true }).fill('e2e master password');
      if (create) await master.getByLabel('Repeat master password').fill('e2e master password');
      await master.getByRole('button', { name: create ? 'Create' : 'Unlock' }).click();
      await expect.poll(() => passwordField.getAttribute('placeholder')).toBe('Saved — type to replace');
      await manager.getByRole('button', { name: 'Close' }).click();
      await page.close();
      await before.stop();

      for (const { file, text } of readAllFiles(data.path)) expect(text, file).not.toContain(first.password);

      const after = await shell(data.path);
      // The session's frames, to tell what the window was told if the connection seems stuck.
      const frames: string[] = [];
      const again = await open(after, 'light', (page) => {
        page.on('websocket', (socket) => {
          socket.on('framereceived', (frame) => {
            const text = String(frame.payload);
            if (!/"service":"log"/.test(text)) frames.push(`< ${text.slice(0, 300)}`);
          });
          socket.on('framesent', (frame) => frames.push(`> ${String(frame.payload).slice(0, 200)}`));
        });
      });
      await again.getByRole('button', { name: 'Site Manager', exact: true }).click();
      const reopened = again.getByRole('dialog', { name: 'Site Manager' });
      const item = reopened.getByRole('treeitem', { name: 'Test vsftpd' });
      await item.click();
      expect(await item.getAttribute('aria-level')).toBe('4');
      expect(await reopened.getByLabel('Host').inputValue()).toBe('127.0.0.1');
      // After the restart the vault is locked, and can still tell that the password is there.
      await expect.poll(() => reopened.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBe('Saved — type to replace');
      await reopened.getByRole('button', { name: 'Connect' }).click();

      // Whatever the engine asks next (the vault's master password, the certificate of a
      // data dir that never pinned it), answer like a person who set this site up.
      await again.screenshot({ path: '/tmp/sluice-real-site-connect.png' });
      await expect
        .poll(
          async () => {
            const unlock = again.getByRole('dialog', { name: 'Unlock saved passwords' });
            if (await unlock.count()) {
              await unlock.getByLabel('Master password', { exact: true }).fill('e2e master password', { timeout: 5_000 });
              await unlock.getByRole('button', { name: 'Unlock' }).click({ timeout: 5_000 });
              // scrypt takes a while on a busy machine: never type into the dialog twice.
              await unlock.waitFor({ state: 'detached', timeout: 20_000 });
            }
            const certificate = again.getByRole('dialog', { name: 'Unknown certificate' });
            // Bounded: a dialog that closes between count() and click() must not stall the poll.
            if (await certificate.count()) await certificate.getByRole('button', { name: 'Always trust' }).click({ timeout: 5_000 });
            return remoteNames(again);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toEqual(['docs', 'hello.txt'])
        .catch(async (error: unknown) => {
          // What the window showed instead, for whoever reads the failure.
          await again.screenshot({ path: '/tmp/sluice-failure-site-connect.png' });
          frames.push(`TITLE ${await again.title()}`);
          await logTexts(again);
          await again.getByRole('listbox', { name: 'Protocol log' }).press('End');
          await new Promise((resolve) => setTimeout(resolve, 300));
          console.log('PROTOCOL LOG\n', (await logTexts(again)).join('\n'), '\nFRAMES\n', frames.join('\n'));
          throw error;
        });
      expect(await again.getByRole('dialog', { name: 'Enter password' }).count()).toBe(0);
      for (const { file, text } of readAllFiles(data.path)) expect(text, file).not.toContain(first.password);
    },
    TIMEOUT,
  );
});
