// Sluice as the subject of the bench: the built CLI, one process per operation, so its peak
// RSS is measured exactly as the peers' are. ftpes:// = explicit TLS, required (PROT P).
import type { BenchClient, BenchSite } from '../types';
import { runCommand } from './command';

const SLUICE = new URL('../../../bin/sluice.mjs', import.meta.url).pathname; // needs `npm run build`
const TIMEOUT_MS = 30 * 60_000;

/** The CLI against the bench's server, verifying it with the bench CA (never skipping verification). */
export function sluiceClient(site: BenchSite): BenchClient {
  const url = (remotePath: string) =>
    `ftpes://${encodeURIComponent(site.user)}@${site.host}:${site.port}/${remotePath.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
  const sluice = (...args: string[]) =>
    runCommand([process.execPath, SLUICE, ...args, '--ca', site.caPath], { env: { SLUICE_PASSWORD: site.password }, timeoutMs: TIMEOUT_MS });
  return {
    name: 'sluice',
    role: 'subject',
    note: 'sluice CLI: get/put for big files, mirror with the default 4 connections for trees (1 on the main thread, 3 in a transfer lane)',
    download: (remote, local) => sluice('get', url(remote), local),
    upload: (local, remote) => sluice('put', local, url(remote)),
    mirrorDown: (remote, local) => sluice('mirror', url(remote), local),
    mirrorUp: (local, remote) => sluice('mirror', '--reverse', local, url(remote)),
  };
}
