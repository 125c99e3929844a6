import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

/** What Node itself thinks of the server: chain to a trusted root and the name of the host. */
export interface NodeVerdict {
  readonly authorized: boolean;
  readonly error?: string;
}

/** Everything the verification callback needs to decide on a server (security rules 7–9). */
export interface ServerCertificateCheck {
  readonly host: string;
  readonly port: number;
  /** The peer's chain as DER, leaf first. */
  readonly chain: readonly Buffer[];
  readonly tlsVersion: string;
  readonly cipher: string;
  readonly nodeVerdict: NodeVerdict;
}

/** The answer to a certificate check. */
export type TrustDecision = 'trust' | 'reject';

/** Decides whether to go on with a server; the engine sends nothing more until it answers. */
export type VerifyServer = (check: ServerCertificateCheck) => Promise<TrustDecision> | TrustDecision;

/** The safe default when a site gives no callback: trust exactly what Node trusts. */
export const trustNodeVerdict: VerifyServer = (check) => (check.nodeVerdict.authorized ? 'trust' : 'reject');

/** The peer's certificate chain as DER buffers, leaf first, each certificate once. */
export function peerChain(socket: TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** Node's verdict on the chain (from the handshake) and on the name, checked against `host`. */
export function nodeVerdict(socket: TLSSocket, host: string): NodeVerdict {
  if (!socket.authorized) {
    const reason = socket.authorizationError;
    return { authorized: false, error: typeof reason === 'string' ? reason : String(reason ?? 'unknown') };
  }
  const identity = checkServerIdentity(host, socket.getPeerCertificate());
  return identity === undefined ? { authorized: true } : { authorized: false, error: identity.message };
}

/** The fields of a certificate a person (or `sluice probe`) reads. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAltName?: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly serialNumber: string;
  readonly sha256: string;
}

/** Summarizes a DER certificate. */
export function summarizeCertificate(der: Buffer): CertificateSummary {
  const x509 = new X509Certificate(der);
  const summary: CertificateSummary = {
    subject: x509.subject,
    issuer: x509.issuer,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    serialNumber: x509.serialNumber,
    sha256: x509.fingerprint256,
  };
  return x509.subjectAltName === undefined ? summary : { ...summary, subjectAltName: x509.subjectAltName };
}
