import type { Unsubscribe } from '../../shared/contract/service';
import type { SessionState } from '../../shared/services/session';
import type { TransferServer } from '../../shared/services/transfers';
import type { FtpClient } from '../ftp/client';
import { ConnectionLease, type TransferRunner } from './connection-lease';
import { serverKey } from './queue-record';
import type { RunnerSource } from './scheduler';

/** What the transfer queue needs of the remote session. */
export interface TransferSessionPort {
  connectedServer(): TransferServer | undefined;
  openAnotherConnection(): Promise<FtpClient>;
  onDidChangeState(listener: (state: SessionState) => void): Unsubscribe;
}

/** Quick connect and sites without a setting get four connections, as the issue asks. */
export const DEFAULT_CONNECTION_LIMIT = 4;

/**
 * The connections for the server the session is connected to: a ConnectionLease of the
 * site's connection limit, made when the session connects and closed when it goes to another
 * server or away (transfers already running finish on their own connections).
 */
export class SessionRunners implements RunnerSource {
  private current: { key: string; runner: TransferRunner } | undefined;
  private readonly unsubscribe: Unsubscribe;
  private version = 0;

  constructor(
    private readonly session: TransferSessionPort,
    private readonly connectionLimit: (siteId: string) => Promise<number | undefined>,
    private readonly onChange: () => void,
  ) {
    this.unsubscribe = session.onDidChangeState(() => void this.follow());
    void this.follow();
  }

  connected(): ReadonlyMap<string, TransferRunner> {
    return this.current === undefined ? new Map() : new Map([[this.current.key, this.current.runner]]);
  }

  /** Stops following the session and closes the connections. */
  async close(): Promise<void> {
    this.unsubscribe();
    const current = this.current;
    this.current = undefined;
    await current?.runner.close();
  }

  private async follow(): Promise<void> {
    const version = ++this.version;
    const server = this.session.connectedServer();
    const key = server === undefined ? undefined : serverKey(server);
    if (key === this.current?.key) return;
    const previous = this.current;
    this.current = undefined;
    void previous?.runner.close();
    if (server === undefined || key === undefined) return;
    const limit = (server.siteId === undefined ? undefined : await this.connectionLimit(server.siteId).catch(() => undefined)) ?? DEFAULT_CONNECTION_LIMIT;
    // The session may have moved on while the site was looked up.
    if (version !== this.version) return;
    this.current = { key, runner: new ConnectionLease(() => this.session.openAnotherConnection(), limit) };
    this.onChange();
  }
}
