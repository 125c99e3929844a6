import { X509Certificate } from 'node:crypto';
import type { ServerCertificateCheck, VerifyServer } from '../../main/ftp/certificate';
import type { Ask } from './password';

/** Canonical SHA-256 fingerprint: upper-case hex pairs joined by colons, as X509Certificate prints it. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/^sha256[:=]?/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new Error(`--trust wants a SHA-256 fingerprint (64 hex digits, colons optional), not ${text}`);
  return hex.match(/../g)!.join(':');
}

/** Why the CLI would not trust a server, kept to explain the failure afterwards. */
export interface Distrust {
  readonly fingerprint: string;
  readonly reason: string;
}

/**
 * The CLI's decision on a server certificate: a `--trust` pin matching the leaf, or Node's
 * verdict (chain to a bundled or `--ca` root, and the host name); otherwise a terminal asks,
 * and without one the connection is refused with the fingerprint to pin.
 */
export function cliVerifier(options: { pins: readonly string[]; isTty: boolean; ask: Ask; describe: (check: ServerCertificateCheck) => string }): {
  verify: VerifyServer;
  distrust: () => Distrust | undefined;
} {
  let refused: Distrust | undefined;
  const verify: VerifyServer = async (check) => {
    const leaf = check.chain[0];
    if (!leaf) return 'reject';
    const fingerprint = new X509Certificate(leaf).fingerprint256;
    if (options.pins.includes(fingerprint)) return 'trust';
    if (check.nodeVerdict.authorized) return 'trust';
    const reason = check.nodeVerdict.error ?? 'not trusted';
    if (options.isTty) {
      const answer = await options.ask(`${options.describe(check)}\nThis certificate is not trusted (${reason}). Trust it for this run? [y/N] `);
      if (/^y(es)?$/i.test(answer.trim())) return 'trust';
    }
    refused = { fingerprint, reason };
    return 'reject';
  };
  return { verify, distrust: () => refused };
}
