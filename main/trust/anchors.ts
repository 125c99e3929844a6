import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { splitPemBundle } from './certificate-info';

/**
 * The roots a chain may end in (security rule 7): Node's bundled roots, extra CAs the user
 * named (`--ca`), and the operating system's store where the runtime exposes it
 * (`tls.getCACertificates('system')`: newer Node and Electron; Node 20 has none).
 */

/** A set of root certificates, parsed on first use (Node bundles ~150; most runs never need them). */
export class AnchorSet {
  private parsed: Map<string, X509Certificate[]> | undefined;

  constructor(private readonly pems: readonly string[]) {}

  /** True when no certificate is in the set. */
  get empty(): boolean {
    return this.pems.length === 0;
  }

  /** The roots whose subject is `cert`'s issuer and that really signed it. */
  issuersOf(cert: X509Certificate): X509Certificate[] {
    return (this.bySubject().get(cert.issuer) ?? []).filter((root) => signedBy(cert, root));
  }

  /** True when `cert` is itself one of the roots (byte-equal). */
  contains(cert: X509Certificate): boolean {
    return (this.bySubject().get(cert.subject) ?? []).some((root) => root.fingerprint256 === cert.fingerprint256);
  }

  private bySubject(): Map<string, X509Certificate[]> {
    if (this.parsed !== undefined) return this.parsed;
    const map = new Map<string, X509Certificate[]>();
    for (const pem of this.pems.flatMap(splitPemBundle)) {
      let root: X509Certificate;
      try {
        root = new X509Certificate(pem);
      } catch {
        continue; // One unreadable root in a system store must not stop the others from counting.
      }
      map.set(root.subject, [...(map.get(root.subject) ?? []), root]);
    }
    this.parsed = map;
    return map;
  }
}

/** True when `issuer` names and signed `cert`. */
export function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Where chains may end: what the TLS handshake was given, and what only we know. */
export interface TrustAnchors {
  /** Bundled roots and `--ca` extras: the handshake had them, so Node's verdict already covers them. */
  readonly handshake: readonly AnchorSet[];
  /** The system store, when the runtime offers it and the handshake was not given it. */
  readonly additional: AnchorSet;
}

type GetCaCertificates = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

/** The operating system's roots, where the runtime exposes them; empty elsewhere (Node 20). */
export function systemRoots(): string[] {
  const getCaCertificates = (tls as { getCACertificates?: GetCaCertificates }).getCACertificates;
  if (typeof getCaCertificates !== 'function') return [];
  try {
    return getCaCertificates('system');
  } catch {
    return [];
  }
}

let bundled: AnchorSet | undefined;
let system: AnchorSet | undefined;

/** The anchors for a verification: bundled + `extraCa` (PEM, bundles allowed), and the system store. */
export function trustAnchors(extraCa: readonly string[] = []): TrustAnchors {
  bundled ??= new AnchorSet(tls.rootCertificates);
  system ??= new AnchorSet(systemRoots());
  return { handshake: extraCa.length === 0 ? [bundled] : [bundled, new AnchorSet(extraCa)], additional: system };
}
