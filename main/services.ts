import type { Services } from '../shared/services';
import { NodeLocalService, type LocalServiceOptions } from './local/local-service';
import { ProtocolLogService } from './log/log-service';
import { PromptBroker } from './prompts/prompt-broker';
import { QuickConnectHistory } from './session/quick-connect-history';
import { RemoteSession } from './session/remote-session';
import { serverTrustFrom } from './session/server-trust';
import { siteSourceFrom } from './session/site-source';
import { createSitesService } from './sites/sites-service';
import type { CredentialVault } from './sites/vault/credential-vault';
import { SessionRunners } from './transfers/session-runners';
import { TransferQueue } from './transfers/transfers-service';
import { CertificateTrust } from './trust/trust-service';
import { TrustStore } from './trust/trust-store';

/** What a shell provides to build the services. */
export interface ServicesOptions {
  /** Where sites, the trust store and the queue live (Electron userData, --data-dir, XDG). */
  readonly dataDir: string;
  readonly local?: LocalServiceOptions;
  /** The Electron shell's OS vault; others default to the master-password vault in dataDir. */
  readonly vault?: CredentialVault | Promise<CredentialVault>;
  /** How long a question waits for a person before it counts as refused. */
  readonly promptTimeoutMs?: number;
}

/** The services and how to stop them cleanly. */
export interface MainServices {
  readonly services: Services;
  /** Refuses waiting questions, closes connections, flushes the log. */
  shutdown(): Promise<void>;
}

/** The composition root: every service, for any shell. */
export function createServices(options: ServicesOptions): MainServices {
  const log = new ProtocolLogService();
  const prompts = new PromptBroker(options.promptTimeoutMs === undefined ? {} : { timeoutMs: options.promptTimeoutMs });
  const trust = new CertificateTrust({ store: TrustStore.inDataDir(options.dataDir) });
  const sites = createSitesService({ dataDir: options.dataDir, ...(options.vault ? { vault: options.vault } : {}) });
  const session = new RemoteSession({
    sites: siteSourceFrom(sites),
    trust: serverTrustFrom(trust, prompts),
    ask: (question) => prompts.ask(question),
    log,
    history: new QuickConnectHistory(options.dataDir),
  });
  const transfers = new TransferQueue({
    dataDir: options.dataDir,
    connectedServer: () => session.connectedServer(),
    runners: (wake) => new SessionRunners(session, async (siteId) => (await sites.list()).find((site) => site.id === siteId)?.connectionLimit, wake),
    ask: (question, signal) => prompts.ask(question, signal === undefined ? {} : { signal }),
  });
  const services: Services = { local: new NodeLocalService(options.local), session, sites, prompts, trust, log, transfers };
  return {
    services,
    async shutdown() {
      // Transfers stop first: their items go back to queued, on disk, and a question they are
      // waiting on is withdrawn rather than answered "skip".
      await transfers.shutdown().catch(() => undefined);
      prompts.cancelAll();
      await session.disconnect().catch(() => undefined);
      log.flush();
    },
  };
}
