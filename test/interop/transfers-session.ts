// The transfer queue as the app builds it — over a RemoteSession and its extra connections —
// for the interop tests and the crash child. The server is pinned; file-exists questions go to
// a scripted answerer.
import { ProtocolLogService } from '../../main/log/log-service';
import { QuickConnectHistory } from '../../main/session/quick-connect-history';
import type { SiteSource } from '../../main/session/ports';
import { RemoteSession } from '../../main/session/remote-session';
import type { AskFileExists } from '../../main/transfers/exists-policy';
import { SessionRunners } from '../../main/transfers/session-runners';
import { TransferQueue } from '../../main/transfers/transfers-service';
import type { VerifyServer } from '../../main/ftp/certificate';

/** Where the server is and how to trust it. */
export interface SessionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly verify: VerifyServer;
}

const noSites: SiteSource = {
  site: async () => undefined,
  secrets: async () => ({}),
  rememberPassword: async () => undefined,
  allowInsecure: async () => undefined,
};

/** A connected RemoteSession and a TransferQueue over it, on `dataDir`. */
export async function sessionQueue(target: SessionTarget, dataDir: string, ask: AskFileExists): Promise<{ remote: RemoteSession; queue: TransferQueue; log: ProtocolLogService }> {
  const log = new ProtocolLogService();
  const remote = new RemoteSession({
    sites: noSites,
    trust: { attempt: () => ({ verify: target.verify, outcome: () => undefined }) },
    ask: async (request) => {
      throw new Error(`unexpected ${request.kind} question`);
    },
    log,
    history: new QuickConnectHistory(dataDir),
  });
  const state = await remote.connect({ kind: 'quick', host: target.host, port: target.port, user: target.user, password: target.password, tlsMode: 'explicit' });
  if (state.status !== 'connected') throw new Error(`not connected: ${JSON.stringify(state.error)}`);
  const queue = new TransferQueue({
    dataDir,
    connectedServer: () => remote.connectedServer(),
    runners: (wake) => new SessionRunners(remote, async () => undefined, wake),
    ask,
    retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 1_000 },
    feed: { itemsMs: 50, summaryMs: 50 },
  });
  return { remote, queue, log };
}
