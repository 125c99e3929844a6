// Public types of the FTPS test-server harness.

export type ServerKind = 'vsftpd' | 'proftpd' | 'pure-ftpd' | 'pyftpdlib';

export const SERVER_KINDS: readonly ServerKind[] = ['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib'];

export interface ServerOptions {
  /** 'explicit' = AUTH TLS on a plain control connection; 'implicit' = TLS from the first byte. Default 'explicit'. */
  tls?: 'explicit' | 'implicit';
  /** Pin the server to exactly this TLS version (min = max). Default: TLS 1.2 and 1.3 both offered. */
  tlsVersion?: '1.2' | '1.3';
  /** Reject data connections that don't resume the control connection's TLS session. Default false. */
  requireSessionReuse?: boolean;
  /** Require a client certificate signed by the harness CA. Default false. */
  requireClientCert?: boolean;
  /** Accept CCC (drop TLS on the control connection after login). Default false. */
  allowCcc?: boolean;
  /** Accept PROT C (clear data connections). Default false: data must be PROT P, as on a hardened server. */
  allowProtC?: boolean;
  /** Passive data port range. Default: the server's own choice (any free port). */
  passivePorts?: { min: number; max: number };
  /**
   * Log only what a production server logs (vsftpd: transfers), not every command and TLS
   * event. For benchmarks: the clients share the machine's CPU with the server. Default false.
   */
  quietLogs?: boolean;
  /**
   * vsftpd: how long a transfer waits for its passive data connection (default 60 s). Meanwhile
   * an upload keeps its write lock on the file, and every retry of that file waits on it.
   */
  acceptTimeoutSeconds?: number;
  /** Login; defaults 'sluice' / a random password. */
  user?: string;
  password?: string;
}

/** Options with defaults applied, as handed to each server's config writer. */
export interface ResolvedOptions {
  tls: 'explicit' | 'implicit';
  tlsVersion: '1.2' | '1.3' | undefined;
  requireSessionReuse: boolean;
  requireClientCert: boolean;
  allowCcc: boolean;
  allowProtC: boolean;
  passivePorts: { min: number; max: number } | undefined;
  quietLogs: boolean;
  acceptTimeoutSeconds: number | undefined;
  user: string;
  password: string;
}

export interface RunningServer {
  kind: ServerKind;
  host: '127.0.0.1';
  port: number;
  /** 'ftp://' for explicit TLS, 'ftps://' for implicit: handy for curl. */
  url: string;
  tls: 'explicit' | 'implicit';
  user: string;
  password: string;
  /** The user's home (chroot) folder; writable by the FTP user. */
  root: string;
  /** Writes a file under root, creating folders, owned by the FTP user so the server may overwrite it. */
  writeFile(relPath: string, data: string | Uint8Array): Promise<void>;
  /** PEM of the throwaway CA that signed the server (and client) certificates. */
  ca: string;
  caPath: string;
  serverCertPath: string;
  /** Set when requireClientCert: a certificate + key the server accepts. */
  clientCertPath?: string;
  clientKeyPath?: string;
  /** The server's main log file (protocol/TLS log where the server has one). */
  logPath: string;
  /** All log files this server writes, for debugging. */
  logPaths: string[];
  /** Reads and joins all logs (best effort). */
  readLogs(): Promise<string>;
  pid: number;
  stop(): Promise<void>;
}

/** Thrown when a server can't honour an option; tests can skip on it. */
export class UnsupportedOptionError extends Error {
  constructor(kind: ServerKind, option: string) {
    super(`${kind} does not support ${option}`);
    this.name = 'UnsupportedOptionError';
  }
}
