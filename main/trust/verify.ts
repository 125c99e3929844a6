import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateDetails, CertificateInfo, UntrustedReason } from '../../shared/services/trust';
import type { NodeVerdict, ServerCertificateCheck } from '../ftp/certificate';
import { signedBy, type AnchorSet, type TrustAnchors } from './anchors';
import { certificateDetails } from './certificate-info';
import { isWeakSignature } from './signature-algorithm';

/**
 * The verdict on a server's chain (security rule 7) as the list of every reason it is not
 * trusted. Node's handshake verdict is one input: OpenSSL walks the chain best, but it reports
 * a single error (a self-signed, expired certificate says only one of the two). So the leaf is
 * also checked here — dates, host name, key size, signature hash — and the chain is walked to
 * tell "self-signed" from "unknown issuer" and to honour the system store the handshake lacked.
 */

const ORDER: readonly UntrustedReason[] = ['unknown-issuer', 'self-signed', 'expired', 'not-yet-valid', 'name-mismatch', 'weak-key', 'weak-signature', 'invalid-chain'];

/** Reasons that only say the chain reached no trusted root. */
const UNANCHORED: ReadonlySet<UntrustedReason> = new Set(['unknown-issuer', 'self-signed']);

const NODE_ERRORS: Readonly<Record<string, UntrustedReason>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-issuer',
  CERT_UNTRUSTED: 'unknown-issuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
  HOSTNAME_MISMATCH: 'name-mismatch',
  IP_ADDRESS_MISMATCH: 'name-mismatch',
  EE_KEY_TOO_SMALL: 'weak-key',
  CA_KEY_TOO_SMALL: 'weak-key',
  CA_MD_TOO_WEAK: 'weak-signature',
  CERT_SIGNATURE_FAILURE: 'invalid-chain',
  CERT_CHAIN_TOO_LONG: 'invalid-chain',
  CERT_REJECTED: 'invalid-chain',
  CERT_REVOKED: 'invalid-chain',
  INVALID_CA: 'invalid-chain',
  INVALID_PURPOSE: 'invalid-chain',
  PATH_LENGTH_EXCEEDED: 'invalid-chain',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'invalid-chain',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'invalid-chain',
};

/** Node's handshake error as reasons; undefined when the error says nothing we can name (e.g. 'UNSPECIFIED'). */
export function reasonsFromNode(verdict: NodeVerdict): UntrustedReason[] | undefined {
  if (verdict.authorized) return [];
  const error = verdict.error ?? '';
  const code = /[A-Z][A-Z0-9_]{3,}/.exec(error)?.[0];
  if (code !== undefined && NODE_ERRORS[code] !== undefined) return [NODE_ERRORS[code]];
  // checkServerIdentity's message, which the engine passes on as the error text.
  if (/does not match certificate's altnames|is not in the cert's list/i.test(error)) return ['name-mismatch'];
  return undefined;
}

/** True when the presented chain, intermediates checked as CAs in their validity, reaches one of `anchors`. */
export function reachesAnchor(chain: readonly X509Certificate[], anchors: readonly AnchorSet[], now: number): boolean {
  let current = chain[0];
  const used = new Set<string>();
  // A chain longer than ten is not one a server should send; stop rather than loop.
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const here: X509Certificate = current;
    if (anchors.some((set) => set.contains(here) || set.issuersOf(here).length > 0)) return true;
    used.add(here.fingerprint256);
    current = chain.find((next) => !used.has(next.fingerprint256) && next.ca && withinValidity(next, now) && signedBy(here, next));
  }
  return false;
}

function withinValidity(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
}

function chainReasons(check: ServerCertificateCheck, chain: readonly X509Certificate[], leaf: CertificateDetails, anchors: TrustAnchors, now: number): UntrustedReason[] {
  // Node had the bundled and --ca roots (and any NODE_EXTRA_CA_CERTS we cannot list): its yes is final.
  if (check.nodeVerdict.authorized) return [];
  const fromNode = reasonsFromNode(check.nodeVerdict) ?? [];
  if (!anchors.additional.empty && reachesAnchor(chain, [anchors.additional], now)) {
    // The system store, which the handshake was not given, vouches for the chain.
    return fromNode.filter((reason) => !UNANCHORED.has(reason));
  }
  if (reachesAnchor(chain, anchors.handshake, now)) return fromNode;
  return [...fromNode, leaf.selfSigned ? 'self-signed' : 'unknown-issuer'];
}

function leafReasons(host: string, leaf: X509Certificate, details: CertificateDetails, now: number): UntrustedReason[] {
  const reasons: UntrustedReason[] = [];
  if (now > details.validTo) reasons.push('expired');
  if (now < details.validFrom) reasons.push('not-yet-valid');
  const name = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const matched = isIP(name) !== 0 ? leaf.checkIP(name) : leaf.checkHost(name, { subject: 'default', partialWildcards: false });
  if (matched === undefined) reasons.push('name-mismatch');
  if (isWeakKey(details)) reasons.push('weak-key');
  if (isWeakSignature(details.signatureAlgorithm)) reasons.push('weak-signature');
  return reasons;
}

/** RSA and DSA under 2048 bits, EC under 256: within reach of a well-funded attacker (NIST SP 800-131A). */
export function isWeakKey(details: Pick<CertificateDetails, 'keyType' | 'keyBits'>): boolean {
  if (details.keyBits === undefined) return false;
  switch (details.keyType) {
    case 'rsa':
    case 'rsa-pss':
    case 'dsa':
      return details.keyBits < 2048;
    case 'ec':
      return details.keyBits < 256;
    default:
      return false;
  }
}

/** The chain's details, the connection, and the reasons it is not trusted: what the dialog shows. */
export function certificateInfo(check: ServerCertificateCheck, anchors: TrustAnchors, now = Date.now()): CertificateInfo {
  const chain = check.chain.map((der) => new X509Certificate(der));
  const details = check.chain.map((der) => certificateDetails(der));
  const leaf = chain[0];
  const leafDetails = details[0];
  const base = { host: check.host, port: check.port, chain: details, tlsVersion: check.tlsVersion, cipher: check.cipher };
  // No certificate at all cannot be trusted by chain; it can't be pinned either.
  if (leaf === undefined || leafDetails === undefined) return { ...base, reasons: ['invalid-chain'] };
  const found = new Set([...chainReasons(check, chain, leafDetails, anchors, now), ...leafReasons(check.host, leaf, leafDetails, now)]);
  // Node said no without a reason we can name (OpenSSL's CA_MD_TOO_WEAK reaches Node as 'UNSPECIFIED'):
  // if nothing found here explains it, it is still a no.
  if (found.size === 0 && reasonsFromNode(check.nodeVerdict) === undefined) found.add('invalid-chain');
  return { ...base, reasons: ORDER.filter((reason) => found.has(reason)) };
}
