// The shapes every bench client and scenario share. See README.md.

/** Where the bench server listens and how to log in; handed to every client factory. */
export interface BenchSite {
  host: string;
  port: number;
  user: string;
  password: string;
  /** PEM of the CA that signed the server certificate: clients must verify, never skip. */
  caPath: string;
  /** The TLS version the server is pinned to, for the record. */
  tlsVersion: '1.2' | '1.3';
}

/** What an operation may report besides its duration (which the harness measures itself). */
export interface OpStats {
  /** Peak resident set size of the process that moved the data, in KiB. */
  peakRssKiB?: number;
  /** CPU seconds the client's processes used (GNU time's %U and %S; summed over processes run together). */
  cpu?: ClientCpu;
}

/** User and system CPU seconds. System time is where writing into the page cache shows. */
export interface ClientCpu {
  user: number;
  system: number;
}

export type OpResult = Promise<OpStats | void>;

/**
 * One FTPS client under test. Remote paths are relative to the FTP root ("src/big.bin"),
 * local paths are absolute. Each call must be self-contained — connect, log in, transfer,
 * quit — like a fresh CLI invocation, so that handshakes are part of what is timed.
 * A method left out means "not supported" and shows as "—" in the table.
 */
export interface BenchClient {
  /** Short, unique; used in --only and in the table. */
  readonly name: string;
  /** 'peer' rows show figures only; 'subject' rows (Sluice) are held to the targets. */
  readonly role: 'peer' | 'subject';
  /** One line on how it runs, printed under the table (fairness notes belong here). */
  readonly note: string;
  /** Untimed set-up before its first run (e.g. building a bundle); a failure fails all its rows. */
  prepare?(): Promise<void>;
  download?(remoteFile: string, localFile: string): OpResult;
  upload?(localFile: string, remoteFile: string): OpResult;
  /** Recursive download of remoteDir's contents into localDir (created if missing). */
  mirrorDown?(remoteDir: string, localDir: string): OpResult;
  /** Recursive upload of localDir's contents into remoteDir (created if missing). */
  mirrorUp?(localDir: string, remoteDir: string): OpResult;
}

/** Clients are built per server, once its address and credentials are known. */
export type ClientFactory = (site: BenchSite) => BenchClient;

export type TransferMethod = 'download' | 'upload' | 'mirrorDown' | 'mirrorUp';
