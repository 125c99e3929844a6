import { X509Certificate } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningServer } from '../support/servers';

/**
 * What the real-server e2e tests share: a TCP relay that lets a test swap the server
 * behind one host:port (to change its certificate), fingerprints as the dialog shows
 * them, seeding big folders, and the window's controls found by role and name.
 */

/** The SHA-256 fingerprint of a PEM certificate file, as `AB:CD:…` like the dialogs. */
export function sha256Of(certPath: string): string {
  return new X509Certificate(readFileSync(certPath)).fingerprint256;
}

/** A loopback TCP relay to `target`'s port; `retarget` points new connections elsewhere. */
export interface Relay {
  readonly port: number;
  retarget(port: number): void;
  close(): Promise<void>;
}

/** Starts a relay; each accepted connection is piped to the current target port. */
export async function startRelay(targetPort: number): Promise<Relay> {
  let target = targetPort;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect({ host: '127.0.0.1', port: target });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    retarget: (next) => void (target = next),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Creates `count` small files in `folder` under the server's root, owned like the root itself. */
export function seedManyFiles(server: RunningServer, folder: string, count: number): void {
  const dir = path.join(server.root, folder);
  mkdirSync(dir, { recursive: true });
  const { uid, gid } = statSync(server.root);
  chownSync(dir, uid, gid);
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `file-${String(i).padStart(5, '0')}.txt`);
    writeFileSync(file, 'x');
    chownSync(file, uid, gid);
  }
}

/** Every file under `dir`, recursively, with its text; for "no secret anywhere" checks. */
export function readAllFiles(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readAllFiles(full));
    else if (entry.isFile()) out.push({ file: full, text: readFileSync(full).toString('latin1') });
  }
  return out;
}

export const remoteGrid = (page: Page): Locator => page.getByRole('grid', { name: 'Remote files' });
export const remotePane = (page: Page): Locator => page.getByRole('region', { name: 'Remote pane' });
export const quickConnect = (page: Page): Locator => page.getByRole('toolbar', { name: 'Quick connect' });

/** Fills the quick connect bar for `server` reached on `port`, and presses Enter. */
export async function quickConnectTo(page: Page, server: RunningServer, port = server.port): Promise<void> {
  const bar = quickConnect(page);
  await bar.getByLabel('Host').fill('127.0.0.1');
  await bar.getByLabel('User').fill(server.user);
  await bar.getByLabel('Password').fill(server.password);
  await bar.getByLabel('Port').fill(String(port));
  await bar.getByLabel('Protocol').selectOption(server.tls === 'implicit' ? 'implicit' : 'explicit');
  await bar.getByLabel('Password').press('Enter');
}

/**
 * Quick-connects to `server` and, the first time the certificate is asked about, answers
 * "Always trust"; resolves once the server's root folder is listed.
 */
export async function connectTrustingAlways(page: Page, server: RunningServer): Promise<void> {
  await quickConnectTo(page, server);
  await expect
    .poll(
      async () => {
        const dialog = page.getByRole('dialog', { name: 'Unknown certificate' });
        if (await dialog.count()) await dialog.getByRole('button', { name: 'Always trust' }).click();
        // getAttribute would wait for a grid that is not there yet; count() does not.
        return (await remoteGrid(page).count()) > 0 ? remoteGrid(page).getAttribute('data-folder') : null;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe('/');
  await waitForRemoteFolder(page, '/');
}

/** Waits for the remote grid to show `folder`, fully listed. */
export async function waitForRemoteFolder(page: Page, folder: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => remoteGrid(page).getAttribute('data-folder'), { timeout }).toBe(folder);
  await expect.poll(() => remoteGrid(page).getAttribute('aria-busy'), { timeout }).toBe('false');
}

/** The names of the rendered rows of the remote grid, top to bottom. */
export function remoteNames(page: Page): Promise<string[]> {
  return remoteGrid(page)
    .locator('[role="row"][data-index]')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({ index: Number((row as HTMLElement).dataset.index), name: row.querySelector('.cell-text')?.textContent ?? '' }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.name),
    );
}

/** The row of the remote grid whose name is exactly `name`. */
export function remoteRow(page: Page, name: string): Locator {
  return remoteGrid(page).locator('[role="row"][data-index]').filter({ has: page.locator('.cell-text', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** Texts of the rendered protocol log lines (the list is virtualized: clear it before a short scenario). */
export async function logTexts(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('listbox', { name: 'Protocol log' });
  if ((await log.count()) === 0) return [];
  return log.locator('[role="option"] .log-text').allTextContents();
}
