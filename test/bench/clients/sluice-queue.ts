// Sluice's transfer queue as a bench client (issue 6): the tree goes through TransferQueue,
// its scheduler and SessionRunners over a RemoteSession, as in the app — not through the
// CLI's mirror. One process per run (../queue-client/), so its start, connect, the walk,
// the journal and the disconnect are all timed and its peak RSS is measured like the peers'.
import path from 'node:path';
import type { QueueJob } from '../queue-client/job';
import { bundleQueueClient, QUEUE_CLIENT_BUNDLE } from '../queue-client/bundle';
import type { BenchClient, BenchSite } from '../types';
import { runCommand } from './command';

const TIMEOUT_MS = 30 * 60_000;

/** The queue keeps a folder's name on the other side: the scenario's folders must agree. */
function sameName(source: string, target: string): void {
  if (path.posix.basename(source) !== path.basename(target)) {
    throw new Error(`sluice-queue copies a folder under its own name: ${source} → ${target} would need a rename`);
  }
}

export function sluiceQueueClient(site: BenchSite): BenchClient {
  const run = (job: Omit<QueueJob, 'host' | 'port' | 'user' | 'password'>) =>
    runCommand([process.execPath, QUEUE_CLIENT_BUNDLE], {
      stdin: JSON.stringify({ host: site.host, port: site.port, user: site.user, password: site.password, ...job }),
      // The bench CA for the TLS handshake: the app's own check then trusts by chain and name.
      env: { NODE_EXTRA_CA_CERTS: site.caPath },
      timeoutMs: TIMEOUT_MS,
    });
  return {
    name: 'sluice-queue',
    role: 'subject',
    note: 'the transfer queue (TransferQueue over a RemoteSession, default limit of 4 connections) in its own process, one folder enqueued',
    prepare: async () => void (await bundleQueueClient()),
    async mirrorDown(remoteDir, localDir) {
      sameName(remoteDir, localDir);
      return run({ direction: 'download', source: `/${remoteDir.replace(/^\/+/, '')}`, targetFolder: path.dirname(localDir) });
    },
    async mirrorUp(localDir, remoteDir) {
      sameName(localDir, remoteDir);
      return run({ direction: 'upload', source: localDir, targetFolder: `/${path.posix.dirname(remoteDir.replace(/^\/+/, ''))}` });
    },
  };
}
