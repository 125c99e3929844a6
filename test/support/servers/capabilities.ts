// What each server (as packaged in Debian 12) can do, verified by test/interop/servers.test.ts.
// startServer() refuses options a server can't honour instead of silently ignoring them.
import type { ServerKind, ServerOptions } from './types';

export interface Capabilities {
  /** TLS from the first byte (tls: 'implicit'). */
  implicit: boolean;
  /** Can be pinned to TLS 1.2 or TLS 1.3 (tlsVersion). */
  pinTlsVersion: boolean;
  /** Accepts "AUTH SSL" as well as "AUTH TLS" (not an option: always on where supported). */
  authSsl: boolean;
  /** Verifies client certificates against the harness CA (requireClientCert). */
  clientCert: boolean;
  /**
   * CCC (clear the control channel after login): 'optional' = refused (534) unless allowCcc;
   * 'always' = accepted whatever allowCcc says; false = unknown command (500).
   */
  ccc: 'optional' | 'always' | false;
  /** Accepts PROT C clear data connections (allowProtC). */
  protC: boolean;
  /** Rejects data connections that don't resume the control TLS session (requireSessionReuse). */
  sessionReuse: boolean;
}

export const CAPABILITIES: Record<ServerKind, Capabilities> = {
  // vsftpd 3.0.3: no CCC command; TLS version pinned through OPENSSL_CONF (it has no knob).
  vsftpd: { implicit: true, pinTlsVersion: true, authSsl: true, clientCert: true, ccc: false, protC: true, sessionReuse: true },
  // proftpd 1.3.8 mod_tls: every feature, all native config directives.
  proftpd: { implicit: true, pinTlsVersion: true, authSsl: true, clientCert: true, ccc: 'optional', protC: true, sessionReuse: true },
  // pure-ftpd 1.0.50: built without implicit TLS; answers AUTH SSL with 500; no client-cert
  // auth; no session-reuse check; CCC always accepted (the client must send close_notify
  // first, i.e. curl --ftp-ssl-ccc-mode active).
  'pure-ftpd': { implicit: false, pinTlsVersion: true, authSsl: false, clientCert: false, ccc: 'always', protC: true, sessionReuse: false },
  // pyftpdlib 1.5.7 TLS_FTPHandler: AUTH TLS/SSL, PBSZ, PROT only.
  pyftpdlib: { implicit: false, pinTlsVersion: true, authSsl: true, clientCert: true, ccc: false, protC: true, sessionReuse: false },
};

/** Why `kind` can't run with `options`, or undefined when it can. */
export function unsupportedReason(kind: ServerKind, options: ServerOptions): string | undefined {
  const c = CAPABILITIES[kind];
  if (options.tls === 'implicit' && !c.implicit) return "tls: 'implicit'";
  if (options.tlsVersion && !c.pinTlsVersion) return 'tlsVersion';
  if (options.requireClientCert && !c.clientCert) return 'requireClientCert';
  if (options.allowCcc && !c.ccc) return 'allowCcc';
  if (options.allowProtC && !c.protC) return 'allowProtC';
  if (options.requireSessionReuse && !c.sessionReuse) return 'requireSessionReuse';
  return undefined;
}
