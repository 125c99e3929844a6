// The transfer queue as the app's composition root (main/services.ts) builds it — a
// RemoteSession, SessionRunners with the default connection limit, the app's retry and feed
// defaults — minus the window: the certificate must be trusted by chain and name (the bench
// CA reaches the handshake through NODE_EXTRA_CA_CERTS), and any question is an error.
import type { VerifyServer } from '../../../main/ftp/certificate';
import { ProtocolLogService } from '../../../main/log/log-service';
import type { SiteSource } from '../../../main/session/ports';
import { QuickConnectHistory } from '../../../main/session/quick-connect-history';
import { RemoteSession } from '../../../main/session/remote-session';
import { SessionRunners } from '../../../main/transfers/session-runners';
import { TransferQueue } from '../../../main/transfers/transfers-service';
import { CertificateTrust } from '../../../main/trust/trust-service';
import { TrustStore } from '../../../main/trust/trust-store';
import type { QueueJob } from './job';

const noSites: SiteSource = {
  site: async () => undefined,
  secrets: async () => ({}),
  rememberPassword: async () => undefined,
  allowInsecure: async () => undefined,
};

/** Trusts a server only by chain and name, as the app does without a pin or a prompt; never skips. */
function chainAndNameOnly(dataDir: string): VerifyServer {
  const trust = new CertificateTrust({ store: TrustStore.inDataDir(dataDir) });
  return async (check) => {
    const { status, info } = await trust.evaluate(check);
    if (status === 'trusted') return 'trust';
    console.error(`sluice-queue: certificate not trusted (${status}: ${info.reasons.join(', ')})`);
    return 'reject';
  };
}

export interface HeadlessQueue {
  readonly queue: TransferQueue;
  close(): Promise<void>;
}

/** Connects to the job's server and opens a queue on `dataDir` (a fresh, empty folder). */
export async function openHeadlessQueue(job: QueueJob, dataDir: string): Promise<HeadlessQueue> {
  const verify = chainAndNameOnly(dataDir);
  const remote = new RemoteSession({
    sites: noSites,
    trust: { attempt: () => ({ verify, outcome: () => undefined }) },
    ask: async (request) => {
      throw new Error(`unexpected ${request.kind} question`);
    },
    log: new ProtocolLogService(),
    history: new QuickConnectHistory(dataDir),
  });
  const state = await remote.connect({ kind: 'quick', host: job.host, port: job.port, user: job.user, password: job.password, tlsMode: 'explicit' });
  if (state.status !== 'connected') throw new Error(`not connected: ${JSON.stringify(state.error)}`);
  const queue = new TransferQueue({
    dataDir,
    connectedServer: () => remote.connectedServer(),
    // No site, so the default connection limit (4), as for a quick connect in the app.
    runners: (wake) => new SessionRunners(remote, async () => undefined, wake),
    ask: async (question) => {
      throw new Error(`unexpected file-exists question about ${question.target.path}`);
    },
  });
  return {
    queue,
    async close() {
      await queue.shutdown();
      await remote.disconnect();
    },
  };
}
