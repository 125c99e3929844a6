import { FtpClient, type ConnectOptions } from '../ftp/client';
import { isFtpError } from '../ftp/errors';
import { SluiceError, toWireError } from '../../shared/errors';
import type { RemoteEntryKind } from '../../shared/remote-entry';
import type {
  ConnectTarget,
  ListingProgress,
  QuickConnectHistoryEntry,
  RemoteListing,
  SessionService,
  SessionState,
} from '../../shared/services/session';
import { Emitter } from '../events';
import type { ProtocolLogService } from '../log/log-service';
import { resolveTarget, type ResolvedTarget } from './connect-target';
import { OperationLock } from '../operation-lock';
import type { Ask, ServerTrust, SiteSource } from './ports';
import type { QuickConnectHistory } from './quick-connect-history';
import { deleteRemoteTree } from './remote-delete';
import { joinRemote, remoteParent } from './remote-path';

export interface RemoteSessionDeps {
  readonly sites: SiteSource;
  readonly trust: ServerTrust;
  readonly ask: Ask;
  readonly log: ProtocolLogService;
  readonly history: QuickConnectHistory;
  readonly createClient?: () => FtpClient;
  /** Idle time before a NOOP keeps the control connection alive through NATs. */
  readonly keepaliveMs?: number;
}

// Errors after which the control connection is gone: the pane must offer Reconnect.
const fatalKinds = new Set(['connection-closed', 'closed', 'timeout', 'protocol', 'tls-handshake', 'connection-failed']);

/** The window's remote side: one FTPS connection, browsed like the local file system. */
export class RemoteSession implements SessionService {
  private client: FtpClient | undefined;
  /** The live connection's options (password included, in memory only) for the transfer pool. */
  private liveOptions: ConnectOptions | undefined;
  private current: SessionState = { status: 'disconnected' };
  private lastTarget: ConnectTarget | undefined;
  private readonly operations = new OperationLock();
  private readonly stateChanged = new Emitter<SessionState>();
  private readonly listingProgress = new Emitter<ListingProgress>();

  constructor(private readonly deps: RemoteSessionDeps) {}

  readonly onDidChangeState = this.stateChanged.subscribe;
  readonly onDidListProgress = this.listingProgress.subscribe;

  async state(): Promise<SessionState> {
    return this.current;
  }

  /** Connects; a failure comes back as a `failed` state carrying the error, not as a throw. */
  connect(target: ConnectTarget): Promise<SessionState> {
    return this.operations.run(() => this.open(target));
  }

  reconnect(): Promise<SessionState> {
    const target = this.lastTarget;
    if (!target) return Promise.reject(new SluiceError('invalid-argument', 'There is no previous connection to reconnect'));
    return this.connect(target);
  }

  disconnect(): Promise<void> {
    return this.operations.run(async () => {
      const client = this.client;
      this.client = undefined;
      this.liveOptions = undefined;
      if (client) await client.quit().catch(() => client.close());
      this.setState({ status: 'disconnected' });
    });
  }

  list(path: string): Promise<RemoteListing> {
    return this.withClient(async (client) => {
      const listing = await client.list(path, {
        onProgress: ({ bytes, lines }) => this.listingProgress.fire({ path, entries: lines, bytes }),
      });
      this.listingProgress.fire({ path, entries: listing.entries.length, bytes: 0 });
      return { path, parent: remoteParent(path), entries: listing.entries };
    });
  }

  createFolder(parent: string, name: string): Promise<string> {
    return this.withClient(async (client) => {
      const target = joinRemote(parent, name);
      await client.mkdir(target);
      return target;
    });
  }

  rename(path: string, newName: string): Promise<string> {
    return this.withClient(async (client) => {
      const target = joinRemote(remoteParent(path) ?? '/', newName);
      await client.rename(path, target);
      return target;
    });
  }

  move(paths: string[], targetFolder: string): Promise<string[]> {
    return this.withClient(async (client) => {
      const moved: string[] = [];
      for (const from of paths) {
        const name = from.replace(/\/+$/, '').split('/').pop() ?? '';
        const target = joinRemote(targetFolder, name);
        // Moving a folder into itself or its own subtree would make it unreachable.
        if (!name || target === from || `${targetFolder}/`.startsWith(`${from.replace(/\/+$/, '')}/`)) {
          throw new SluiceError('invalid-argument', `Cannot move ${from} into ${targetFolder}`);
        }
        await client.rename(from, target);
        moved.push(target);
      }
      return moved;
    });
  }

  delete(entries: { path: string; kind: RemoteEntryKind }[]): Promise<void> {
    return this.withClient(async (client) => {
      for (const entry of entries) {
        if (entry.kind === 'dir') await deleteRemoteTree(client, entry.path);
        else await client.delete(entry.path);
      }
    });
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.withClient((client) => client.chmod(path, mode.toString(8).padStart(3, '0')));
  }

  /**
   * Opens another connection to the connected server, for the transfer pool. Its
   * certificate goes through the same trust decision: pinned or trusted once by now, so
   * nobody is asked twice, and a different certificate is refused.
   */
  async openAnotherConnection(): Promise<FtpClient> {
    const options = this.liveOptions;
    if (!options || this.current.status !== 'connected') throw new SluiceError('closed', 'Not connected');
    const client = (this.deps.createClient ?? (() => new FtpClient()))();
    client.onLog(this.deps.log.writerFor(`${options.host}:${options.port}`));
    const attempt = this.deps.trust.attempt();
    try {
      // Clear text only if the live connection already is (the person agreed to it); a server
      // that refuses TLS on a second connection after granting it on the first is refused.
      await client.connect({ ...options, verifyServer: attempt.verify, askInsecure: () => this.current.security === undefined });
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  /** The connected server, as transfer items record it (no secret). */
  connectedServer(): { host: string; port: number; user: string; siteId?: string } | undefined {
    const state = this.current;
    if (state.status !== 'connected' || !state.host || !state.port || state.user === undefined) return undefined;
    return { host: state.host, port: state.port, user: state.user, ...(state.siteId ? { siteId: state.siteId } : {}) };
  }

  quickConnectHistory(): Promise<QuickConnectHistoryEntry[]> {
    return this.deps.history.list();
  }

  private async open(target: ConnectTarget): Promise<SessionState> {
    this.client?.close();
    this.client = undefined;
    this.lastTarget = target;
    const resolved = await resolveTarget(target, this.deps.sites);
    const who = {
      host: resolved.host,
      port: resolved.port,
      user: resolved.user,
      tlsMode: resolved.policy.mode,
      ...(resolved.site ? { siteId: resolved.site.id, siteName: resolved.site.name } : {}),
    };
    this.setState({ status: 'connecting', ...who });
    const client = (this.deps.createClient ?? (() => new FtpClient()))();
    client.onLog(this.deps.log.writerFor(`${resolved.host}:${resolved.port}`));
    const attempt = this.deps.trust.attempt();
    try {
      if (resolved.policy.mode === 'plain') await this.confirmInsecure(resolved, 'plain-site');
      const password = resolved.password ?? (await this.askPassword(resolved));
      const options: ConnectOptions = {
        host: resolved.host,
        port: resolved.port,
        user: resolved.user,
        password,
        ...(resolved.account ? { account: resolved.account } : {}),
        policy: resolved.policy,
        charset: resolved.charset,
        verifyServer: attempt.verify,
        askInsecure: () => this.confirmInsecure(resolved, 'tls-refused').then(() => true, () => false),
        data: { mode: resolved.transferMode },
        keepaliveMs: this.deps.keepaliveMs ?? 60_000,
      };
      await client.connect(options);
      const home = resolved.remoteFolder ?? (await client.pwd());
      this.client = client;
      this.liveOptions = options;
      const tls = client.tlsInfo();
      const outcome = attempt.outcome();
      this.setState({
        status: 'connected',
        ...who,
        home,
        ...(tls && outcome
          ? {
              security: {
                tlsVersion: tls.version,
                cipher: tls.cipher,
                dataProtected: tls.dataProtection !== 'C',
                commandsInClear: !client.controlProtected,
                certificate: outcome.certificate,
                trust: outcome.trust,
              },
            }
          : {}),
      });
      if (target.kind === 'quick') {
        await this.deps.history.record({ host: target.host, ...(target.port ? { port: target.port } : {}), user: target.user, tlsMode: target.tlsMode });
      }
    } catch (error) {
      client.close();
      this.setState({ status: 'failed', ...who, error: toWireError(error) });
    }
    return this.current;
  }

  /** Asks before anything travels in clear; throws `cancelled` unless the person agrees. */
  private async confirmInsecure(resolved: ResolvedTarget, reason: 'plain-site' | 'tls-refused'): Promise<void> {
    if (resolved.site?.allowInsecure) return;
    const answer = await this.deps.ask({
      kind: 'insecure-connection',
      host: resolved.host,
      port: resolved.port,
      reason,
      ...(resolved.site ? { siteId: resolved.site.id } : {}),
    });
    if (answer.kind !== 'insecure' || !answer.proceed) throw new SluiceError('cancelled', 'Connection cancelled: it would not have been encrypted');
    if (answer.remember && resolved.site) await this.deps.sites.allowInsecure(resolved.site.id);
  }

  private async askPassword(resolved: ResolvedTarget): Promise<string> {
    const answer = await this.deps.ask({
      kind: 'password',
      host: resolved.host,
      port: resolved.port,
      user: resolved.user,
      ...(resolved.site ? { siteName: resolved.site.name } : {}),
    });
    if (answer.kind !== 'password' || answer.password === null) throw new SluiceError('cancelled', 'Connection cancelled: no password was given');
    if (answer.remember && resolved.site) await this.deps.sites.rememberPassword(resolved.site.id, answer.password);
    return answer.password;
  }

  /** Runs an operation on the live connection; a connection that died turns the state to failed. */
  private withClient<T>(operation: (client: FtpClient) => Promise<T>): Promise<T> {
    return this.operations.run(async () => {
      const client = this.client;
      if (!client) throw new SluiceError('closed', 'Not connected');
      try {
        return await operation(client);
      } catch (error) {
        if (isFtpError(error) && fatalKinds.has(error.kind)) {
          client.close();
          this.client = undefined;
          this.setState({ ...this.current, status: 'failed', error: toWireError(error) });
        }
        throw error;
      }
    });
  }

  private setState(next: SessionState): void {
    this.current = next;
    this.stateChanged.fire(next);
  }
}
