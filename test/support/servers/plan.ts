// The contract between startServer() and each server's driver (one file per server).
import type { ServerBinary } from './binaries';
import type { Certificates } from './certs';
import type { ResolvedOptions, ServerKind } from './types';

/** Everything a driver needs to write its config. */
export interface ServerContext {
  /** Private temp dir for config, certs, logs, pid files. */
  dir: string;
  /** The FTP user's home, served as its root. */
  root: string;
  port: number;
  opts: ResolvedOptions;
  certs: Certificates;
  bin: ServerBinary;
  /** The system account the virtual FTP user runs as (owns root). */
  account: string;
  uid: number;
  gid: number;
  /** SHA-512 crypt(3) hash of the password, for passwd-style user files. */
  passwordHash: string;
}

/** How to launch the configured server. */
export interface LaunchPlan {
  args: string[];
  env: Record<string, string>;
  /** The log that best explains failures (protocol / TLS log). */
  mainLog: string;
  /** Every log file the server writes (stdout/stderr capture is added by startServer). */
  logs: string[];
  /** Files written outside `dir` (e.g. a PAM service file), removed on stop or exit. */
  externalFiles?: string[];
}

export interface ServerDriver {
  kind: ServerKind;
  prepare(ctx: ServerContext): Promise<LaunchPlan>;
}
