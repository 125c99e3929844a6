import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliVerifier, normalizeFingerprint, openTrust, reasonsInWords } from '../../../app/cli/trust';
import type { ServerCertificateCheck } from '../../../main/ftp/certificate';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.remove());
function selfSigned(name: string): X509Certificate {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', path.join(temp.path, `${name}.key`), '-out', path.join(temp.path, `${name}.pem`)], { stdio: 'ignore' });
  return new X509Certificate(readFileSync(path.join(temp.path, `${name}.pem`)));
}
const leaf = selfSigned('leaf');
const other = selfSigned('other');
let stores = 0;
const freshTrust = () => openTrust(path.join(temp.path, `data-${++stores}`), [], () => undefined);

const check = (authorized: boolean, cert = leaf): ServerCertificateCheck => ({
  host: 'localhost',
  port: 990,
  chain: [cert.raw],
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  nodeVerdict: authorized ? { authorized } : { authorized, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
});

describe('the CLI trust decision', () => {
  it('normalizes fingerprints written any common way', () => {
    const plain = leaf.fingerprint256.replaceAll(':', '').toLowerCase();
    expect(normalizeFingerprint(plain)).toBe(leaf.fingerprint256);
    expect(normalizeFingerprint(`SHA256:${leaf.fingerprint256}`)).toBe(leaf.fingerprint256);
    expect(() => normalizeFingerprint('abc')).toThrow(/64 hex digits/);
  });

  it('trusts what chains to a root with the right name, and a --trust fingerprint', async () => {
    const none = cliVerifier({ trust: freshTrust(), pins: [], isTty: false, ask: vi.fn() });
    expect(await none.verify(check(true))).toBe('trust');
    expect(none.trustedBy()).toBeUndefined();
    const pinned = cliVerifier({ trust: freshTrust(), pins: [leaf.fingerprint256], isTty: false, ask: vi.fn() });
    expect(await pinned.verify(check(false))).toBe('trust');
    expect(pinned.trustedBy()).toBe('yes, pinned by --trust');
  });

  it('without a terminal, refuses an untrusted certificate and keeps its fingerprint and reasons for the message', async () => {
    const verifier = cliVerifier({ trust: freshTrust(), pins: ['00:'.repeat(31) + '00'], isTty: false, ask: vi.fn() });
    expect(await verifier.verify(check(false))).toBe('reject');
    expect(verifier.distrust()).toEqual({ fingerprint: leaf.fingerprint256, reason: 'self-signed' });
  });

  it('on a terminal, asks once / always / no; "always" pins it in the store for later runs', async () => {
    const trust = freshTrust();
    const ask = vi.fn(async (_question: string) => 'a');
    const always = cliVerifier({ trust, pins: [], isTty: true, ask });
    expect(await always.verify(check(false))).toBe('trust');
    expect(ask.mock.calls[0]?.[0]).toMatch(/SHA-256 +[0-9A-F:]{95}[\s\S]*Not trusted: self-signed\.\nTrust it\? \[o\]nce \/ \[a\]lways \(pin\) \/ \[N\]o $/);
    expect(await trust.listPins()).toMatchObject([{ host: 'localhost', port: 990, sha256: leaf.fingerprint256, decidedBy: 'cli' }]);
    const later = cliVerifier({ trust, pins: [], isTty: false, ask: vi.fn() });
    expect(await later.verify(check(false))).toBe('trust');
    expect(later.trustedBy()).toBe('yes, pinned in the trust store');

    const once = cliVerifier({ trust: freshTrust(), pins: [], isTty: true, ask: async () => 'o' });
    expect(await once.verify(check(false))).toBe('trust');
    const no = cliVerifier({ trust: freshTrust(), pins: [], isTty: true, ask: async () => '' });
    expect(await no.verify(check(false))).toBe('reject');
  });

  it('a changed pinned certificate gets the loud warning, and is refused without a terminal', async () => {
    const trust = freshTrust();
    await cliVerifier({ trust, pins: [], isTty: true, ask: async () => 'a' }).verify(check(false));
    const ask = vi.fn(async (_question: string) => 'n');
    expect(await cliVerifier({ trust, pins: [], isTty: true, ask }).verify(check(false, other))).toBe('reject');
    expect(ask.mock.calls[0]?.[0]).toMatch(/^WARNING: the certificate of localhost:990 has CHANGED[\s\S]*Pinned +[0-9A-F:]{95}/);
    const script = cliVerifier({ trust, pins: [], isTty: false, ask: vi.fn() });
    expect(await script.verify(check(false, other))).toBe('reject');
    expect(script.distrust()?.reason).toMatch(/CHANGED since pinned/);
  });

  it('names the reasons in plain words', () => {
    expect(reasonsInWords(['self-signed', 'expired'])).toBe('self-signed, expired');
  });
});
