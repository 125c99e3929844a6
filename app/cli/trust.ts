import type { CertificateInfo, UntrustedReason } from '../../shared/services/trust';
import type { VerifyServer } from '../../main/ftp/certificate';
import { CertificateTrust, type TrustEvaluation } from '../../main/trust/trust-service';
import { TrustStore } from '../../main/trust/trust-store';
import type { Ask } from './password';

/** Canonical SHA-256 fingerprint: upper-case hex pairs joined by colons, as X509Certificate prints it. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/^sha256[:=]?/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new Error(`--trust wants a SHA-256 fingerprint (64 hex digits, colons optional), not ${text}`);
  return hex.match(/../g)!.join(':');
}

/** The trust store of a data directory, with `--ca` roots; a damaged store is reported on `warn`. */
export function openTrust(dataDir: string, extraCa: readonly string[], warn: (text: string) => void): CertificateTrust {
  const store = TrustStore.inDataDir(dataDir, { onProblem: (message) => warn(`sluice: warning: ${message}\n`) });
  return new CertificateTrust({ store, extraCa });
}

/** Why the CLI would not trust a server, kept to explain the failure afterwards. */
export interface Distrust {
  readonly fingerprint: string;
  readonly reason: string;
}

const REASON_WORDS: Readonly<Record<UntrustedReason, string>> = {
  'unknown-issuer': 'issued by an unknown authority',
  'self-signed': 'self-signed',
  expired: 'expired',
  'not-yet-valid': 'not valid yet',
  'name-mismatch': 'issued for another name',
  'weak-key': 'weak key',
  'weak-signature': 'weak signature (SHA-1 or MD5)',
  'invalid-chain': 'invalid certificate chain',
};

/** The reasons in plain words, e.g. "self-signed, expired". */
export function reasonsInWords(reasons: readonly UntrustedReason[]): string {
  return reasons.length === 0 ? 'not trusted' : reasons.map((reason) => REASON_WORDS[reason]).join(', ');
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What a terminal user reads before deciding (security rule 8, in brief). */
export function describeCertificate(info: CertificateInfo): string {
  const leaf = info.chain[0];
  if (leaf === undefined) return `Server ${info.host}:${info.port} presented no certificate.`;
  return [
    `Server ${info.host}:${info.port} (${info.tlsVersion}, ${info.cipher}) presented a certificate (${info.chain.length} in chain):`,
    `  Subject    ${leaf.subject.text.replaceAll('\n', ', ')}`,
    `  Issuer     ${leaf.issuer.text.replaceAll('\n', ', ')}`,
    ...(leaf.subjectAltNames.length ? [`  Names      ${leaf.subjectAltNames.join(', ')}`] : []),
    `  Valid      ${day(leaf.validFrom)} → ${day(leaf.validTo)}`,
    `  Key        ${leaf.keyType}${leaf.keyBits ? ` ${leaf.keyBits} bits` : ''}, signed ${leaf.signatureAlgorithm}`,
    `  SHA-256    ${leaf.sha256}`,
    `  SHA-1      ${leaf.sha1}`,
  ].join('\n');
}

function question(evaluation: TrustEvaluation): string {
  const { info, previous } = evaluation;
  const why = `Not trusted: ${reasonsInWords(info.reasons)}.`;
  if (evaluation.status !== 'changed' || previous === undefined) return `${describeCertificate(info)}\n${why}\nTrust it? [o]nce / [a]lways (pin) / [N]o `;
  return [
    `WARNING: the certificate of ${info.host}:${info.port} has CHANGED since you pinned it. Someone may be intercepting the connection.`,
    `  Pinned     ${previous.sha256} (valid to ${day(previous.validTo)}, pinned ${day(previous.firstSeen)})`,
    describeCertificate(info),
    info.reasons.length ? why : 'The new certificate is trusted by its chain, but it is not the one you pinned.',
    'Trust the new one? [o]nce / [a]lways (replace the pin) / [N]o ',
  ].join('\n');
}

/**
 * The CLI's decision on a server certificate, on the same trust store as the app: trusted by
 * chain and name (bundled, system or `--ca` roots), pinned in the store, or a `--trust`
 * fingerprint for this run; otherwise a terminal asks (always → pin, decided by 'cli'), and
 * without one the connection is refused with the fingerprint to pin.
 */
export function cliVerifier(options: { trust: CertificateTrust; pins: readonly string[]; isTty: boolean; ask: Ask }): {
  verify: VerifyServer;
  distrust: () => Distrust | undefined;
  /** How an untrusted certificate came to be trusted, for the report; undefined when by chain or not at all. */
  trustedBy: () => string | undefined;
} {
  let refused: Distrust | undefined;
  let trustedBy: string | undefined;
  const verify: VerifyServer = async (check) => {
    const evaluation = await options.trust.evaluate(check);
    const { info } = evaluation;
    const fingerprint = info.chain[0]?.sha256;
    if (fingerprint === undefined) return 'reject';
    if (evaluation.status === 'trusted') return 'trust';
    if (evaluation.status === 'pinned') {
      trustedBy = 'yes, pinned in the trust store';
      await options.trust.touch(info).catch(() => undefined);
      return 'trust';
    }
    if (options.pins.includes(fingerprint)) {
      trustedBy = 'yes, pinned by --trust';
      return 'trust';
    }
    if (options.isTty) {
      const answer = (await options.ask(question(evaluation))).trim().toLowerCase();
      if (answer === 'o' || answer === 'once') {
        trustedBy = 'yes, for this run';
        return 'trust';
      }
      if (answer === 'a' || answer === 'always') {
        await options.trust.pin(info, 'cli');
        trustedBy = 'yes, pinned in the trust store';
        return 'trust';
      }
    }
    const changed = evaluation.status === 'changed' ? `it CHANGED since pinned ${evaluation.previous?.sha256 ?? ''}; ` : '';
    refused = { fingerprint, reason: `${changed}${reasonsInWords(info.reasons)}` };
    return 'reject';
  };
  return { verify, distrust: () => refused, trustedBy: () => trustedBy };
}
