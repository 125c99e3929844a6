import path from 'node:path';
import { createDispatcher } from '../../shared/contract/dispatcher';
import type { LogLine, LogService } from '../../shared/services/log';
import type { PromptAnswer, PromptRequest, PromptSettled, PromptsService } from '../../shared/services/prompts';
import type { ListingProgress, RemoteListing, SessionService, SessionState } from '../../shared/services/session';
import type { SiteProfile, SitesService, VaultStatus } from '../../shared/services/sites';
import type { PinRecord, TrustService } from '../../shared/services/trust';
import type { TransfersService } from '../../shared/services/transfers';
import { startWebHost } from '../../app/web/host';
import { Emitter } from '../../main/events';
import { NodeLocalService } from '../../main/local/local-service';
import { contracts, type Services } from '../../shared/services';
import { idleTransfers } from '../support/idle-transfers';

export { fakeCertificate, fakeCertificateInfo } from './fake-certificate';

/**
 * The built window served over the real web host and transport, but with scripted
 * session, sites, prompts, trust and log services: the dialogs and states a real server
 * rarely shows on demand (a changed certificate, a refused login) are put on screen here.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The scripted services and the knobs a test turns. */
export class FakeServices {
  readonly stateChanged = new Emitter<SessionState>();
  readonly listProgress = new Emitter<ListingProgress>();
  readonly requested = new Emitter<PromptRequest>();
  readonly settled = new Emitter<PromptSettled>();
  readonly sitesChanged = new Emitter<readonly SiteProfile[]>();
  readonly siteFoldersChanged = new Emitter<readonly string[]>();
  readonly appended = new Emitter<readonly LogLine[]>();
  readonly cleared = new Emitter<null>();
  readonly pinsChanged = new Emitter<readonly PinRecord[]>();

  state: SessionState = { status: 'disconnected' };
  /** What the next connect() resolves to. */
  nextConnect: SessionState = { status: 'disconnected' };
  listings = new Map<string, RemoteListing>();
  /** When set, listings wait for it: a test can show progress of a slow listing. */
  listGate: Promise<void> | null = null;
  sites: SiteProfile[] = [];
  /** Empty Site Manager folders; the real service's rules are tested on it, not here. */
  siteFolders: string[] = [];
  vault: VaultStatus = { kind: 'master-password', locked: true, initialized: false };
  masterPassword: string | null = null;
  /** The site ids with a password in the fake vault. */
  readonly storedPasswords = new Set<string>();
  pending: PromptRequest[] = [];
  answers: { id: string; answer: PromptAnswer }[] = [];
  log: LogLine[] = [];
  calls: string[] = [];
  /** The queue behind the window; idle unless a test scripts one (see transfers-fake.ts). */
  transfers: TransfersService = idleTransfers();
  private seq = 1;

  /** Puts a question on screen, as the engine would. */
  ask(request: PromptRequest): void {
    this.pending.push(request);
    this.requested.fire(request);
  }

  setState(state: SessionState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }

  writeLog(lines: { direction: LogLine['direction']; text: string }[]): void {
    const batch = lines.map((line) => ({ ...line, seq: this.seq++, time: Date.now(), source: '127.0.0.1:2121' }));
    this.log.push(...batch);
    this.appended.fire(batch);
  }

  services(): Services {
    const fake = this;
    const session: SessionService = {
      state: async () => fake.state,
      async connect(target) {
        fake.calls.push(`connect ${JSON.stringify(target)}`);
        fake.setState(fake.nextConnect);
        return fake.nextConnect;
      },
      async disconnect() {
        fake.setState({ ...fake.state, status: 'disconnected' });
      },
      async reconnect() {
        fake.calls.push('reconnect');
        fake.setState(fake.nextConnect);
        return fake.nextConnect;
      },
      async list(folder) {
        await fake.listGate;
        const listing = fake.listings.get(folder);
        if (!listing) throw Object.assign(new Error(`No such folder ${folder}`), { kind: 'not-found' });
        return listing;
      },
      createFolder: async (parent, name) => `${parent}/${name}`,
      rename: async (from) => from,
      async move(paths, targetFolder) {
        fake.calls.push(`move ${paths.join(',')} -> ${targetFolder}`);
        return paths.map((from) => `${targetFolder}/${from.slice(from.lastIndexOf('/') + 1)}`);
      },
      delete: async () => undefined,
      async chmod(target, mode) {
        fake.calls.push(`chmod ${target} ${mode.toString(8)}`);
      },
      quickConnectHistory: async () => [{ host: 'ftp.example.com', user: 'alice', tlsMode: 'explicit', lastUsed: Date.now() }],
      onDidChangeState: fake.stateChanged.subscribe,
      onDidListProgress: fake.listProgress.subscribe,
    };
    const sites: SitesService = {
      list: async () => fake.sites,
      async save(draft, secrets) {
        fake.calls.push(`save ${draft.name} secrets=${JSON.stringify(secrets ?? null)}`);
        const site: SiteProfile = { ...draft, id: draft.id ?? `site${fake.sites.length + 1}` };
        if (typeof secrets?.password === 'string') fake.storedPasswords.add(site.id);
        if (secrets?.password === null) fake.storedPasswords.delete(site.id);
        fake.sites = [...fake.sites.filter((other) => other.id !== site.id), site];
        fake.sitesChanged.fire(fake.sites);
        return site;
      },
      async duplicate(id) {
        const original = fake.sites.find((site) => site.id === id)!;
        const copy = { ...original, id: `${id}copy`, name: `${original.name} (copy)` };
        fake.sites = [...fake.sites, copy];
        fake.sitesChanged.fire(fake.sites);
        return copy;
      },
      async remove(id) {
        fake.sites = fake.sites.filter((site) => site.id !== id);
        fake.sitesChanged.fire(fake.sites);
      },
      vaultStatus: async () => fake.vault,
      storedSecrets: async (id) => ({ password: fake.storedPasswords.has(id), passphrase: false }),
      async unlockVault(master) {
        if (fake.masterPassword !== null && master !== fake.masterPassword) {
          throw Object.assign(new Error('Wrong master password'), { kind: 'wrong-master-password' });
        }
        fake.masterPassword = master;
        fake.vault = { kind: 'master-password', locked: false, initialized: true };
        return fake.vault;
      },
      listFolders: async () => fake.siteFolders,
      async createFolder(folder) {
        fake.siteFolders = [...fake.siteFolders, folder];
        fake.siteFoldersChanged.fire(fake.siteFolders);
      },
      async renameFolder(from, to) {
        fake.siteFolders = fake.siteFolders.map((folder) => (folder === from ? to : folder));
        fake.siteFoldersChanged.fire(fake.siteFolders);
      },
      async removeFolder(folder) {
        fake.siteFolders = fake.siteFolders.filter((other) => other !== folder);
        fake.siteFoldersChanged.fire(fake.siteFolders);
      },
      onDidChange: fake.sitesChanged.subscribe,
      onDidChangeFolders: fake.siteFoldersChanged.subscribe,
    };
    const prompts: PromptsService = {
      pending: async () => fake.pending,
      async answer(id, answer) {
        fake.answers.push({ id, answer });
        fake.pending = fake.pending.filter((request) => request.id !== id);
        fake.settled.fire({ id, outcome: 'answered' });
      },
      onDidRequest: fake.requested.subscribe,
      onDidSettle: fake.settled.subscribe,
    };
    const trust: TrustService = { listPins: async () => [], removePin: async () => undefined, onDidChangePins: fake.pinsChanged.subscribe };
    const log: LogService = {
      recent: async () => fake.log,
      async clear() {
        fake.log = [];
        fake.cleared.fire(null);
      },
      onDidAppend: fake.appended.subscribe,
      onDidClear: fake.cleared.subscribe,
    };
    return { local: new NodeLocalService(), session, sites, prompts, trust, log, transfers: fake.transfers };
  }
}

/** Serves dist/renderer (build it first) over the real web host with the fakes behind it. */
export async function startFakeShell(fake: FakeServices): Promise<{ url: string; close(): Promise<void> }> {
  const host = await startWebHost({
    port: 0,
    rendererDir: path.join(repoRoot, 'dist', 'renderer'),
    dispatcher: createDispatcher(contracts, fake.services()),
  });
  return { url: host.url, close: () => host.close() };
}
