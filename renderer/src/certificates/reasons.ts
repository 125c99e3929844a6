import type { CertificateDetails, CertificateInfo, UntrustedReason } from '../../../shared/services/trust';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** The names a certificate is valid for: its DNS and IP SANs, else its common name. */
export function certificateNames(details: CertificateDetails): string[] {
  const names = details.subjectAltNames
    .map((san) => /^(?:DNS|IP Address):(.*)$/.exec(san)?.[1]?.trim())
    .filter((name): name is string => !!name);
  if (names.length > 0) return names;
  return details.subject.commonName ? [details.subject.commonName] : [];
}

/** True when the signature algorithm is one browsers no longer accept (MD5, SHA-1, MD2). */
export function isWeakSignature(algorithm: string): boolean {
  return /md2|md5|sha1(?!\d)|sha-1(?!\d)/i.test(algorithm);
}

/** True for keys below today's minimum: RSA/DSA under 2048 bits, EC under 224. */
export function isWeakKey(details: CertificateDetails): boolean {
  if (details.keyBits === undefined) return false;
  if (details.keyType === 'rsa' || details.keyType === 'rsa-pss' || details.keyType === 'dsa') return details.keyBits < 2048;
  if (details.keyType === 'ec') return details.keyBits < 224;
  return false;
}

/** "RSA 2048 bits", "EC P-256", "Ed25519". */
export function describeKey(details: CertificateDetails): string {
  const type = details.keyType === 'ec' ? 'EC' : details.keyType === 'ed25519' ? 'Ed25519' : details.keyType.toUpperCase();
  if (details.curve) return `${type} ${details.curve}${details.keyBits ? ` (${details.keyBits} bits)` : ''}`;
  return details.keyBits ? `${type} ${details.keyBits} bits` : type;
}

function list(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}

/** One reason a certificate is not trusted, in plain words. */
export function reasonSentence(reason: UntrustedReason, info: CertificateInfo): string {
  const leaf = info.chain[0];
  switch (reason) {
    case 'unknown-issuer': {
      const issuer = info.chain[info.chain.length - 1]?.issuer.commonName;
      return `The certificate was issued by an authority this computer does not know${issuer ? ` (“${issuer}”)` : ''}.`;
    }
    case 'self-signed':
      return 'The certificate is self-signed: nobody but the server itself vouches for it.';
    case 'expired':
      return leaf ? `The certificate expired on ${day.format(leaf.validTo)}.` : 'The certificate has expired.';
    case 'not-yet-valid':
      return leaf ? `The certificate is not valid until ${day.format(leaf.validFrom)}.` : 'The certificate is not valid yet.';
    case 'name-mismatch':
      return `The name ${info.host} does not match the names in the certificate (${list(leaf ? certificateNames(leaf) : [])}).`;
    case 'weak-key':
      return `The certificate's key is too weak to be safe${leaf ? ` (${describeKey(leaf)})` : ''}.`;
    case 'weak-signature':
      return `The certificate is signed with a weak algorithm${leaf ? ` (${leaf.signatureAlgorithm})` : ''}.`;
    case 'invalid-chain':
      return 'The certificate chain is incomplete or does not verify.';
  }
}

/** Whether a certificate is valid at `now`: for the Expired!/Not yet valid! flags. */
export function validityFlag(details: CertificateDetails, now = Date.now()): 'expired' | 'not-yet-valid' | null {
  if (now > details.validTo) return 'expired';
  if (now < details.validFrom) return 'not-yet-valid';
  return null;
}

/** What each certificate of a chain is, for the chain selector. */
export function chainRole(index: number, length: number): 'Server' | 'Intermediate' | 'Root' {
  if (index === 0) return 'Server';
  return index === length - 1 ? 'Root' : 'Intermediate';
}
