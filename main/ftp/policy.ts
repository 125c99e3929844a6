import type { SecureVersion } from 'node:tls';

/** How a site's control connection is protected (security rule 1). */
export type TlsMode = 'explicit' | 'implicit' | 'explicit-if-available' | 'plain';

/** A client certificate for sites that ask for one (rule 11); the passphrase is a secret. */
export type ClientCertificate =
  | { readonly format: 'pem'; readonly cert: string | Buffer; readonly key: string | Buffer; readonly passphrase?: string }
  | { readonly format: 'pkcs12'; readonly pfx: Buffer; readonly passphrase?: string };

/** A site's security settings; only `mode` is required. */
export interface SecurityPolicy {
  readonly mode: TlsMode;
  /** PROT P (default) protects data connections; PROT C leaves them in clear. */
  readonly dataProtection?: 'P' | 'C';
  /** Send CCC after login, for firewalls that must read the control connection (rule 5). */
  readonly clearCommandChannel?: boolean;
  /** Oldest TLS version accepted; TLS 1.2 unless a site needs less. */
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  readonly clientCertificate?: ClientCertificate;
  /** Extra roots (PEM) Node's own verdict trusts besides the bundled ones, e.g. a company CA. */
  readonly extraCa?: readonly (string | Buffer)[];
  /**
   * The connection is trusted only if it shows one known leaf, byte for byte (a transfer lane's
   * connections, see TrustedLeaf.decided): no CA verdict is read, so no CA store is loaded.
   * Loading one with `extraCa` parses every root again, ~50 ms of CPU per thread.
   */
  readonly leafPinned?: boolean;
}

/** The port a mode listens on unless the site says otherwise. */
export function defaultPort(mode: TlsMode): number {
  return mode === 'implicit' ? 990 : 21;
}

/** True for modes that refuse to go on in clear (rule 2). */
export function requiresTls(mode: TlsMode): boolean {
  switch (mode) {
    case 'explicit':
    case 'implicit':
      return true;
    case 'explicit-if-available':
    case 'plain':
      return false;
  }
}
