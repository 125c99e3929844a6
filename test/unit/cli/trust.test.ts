import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliVerifier, normalizeFingerprint } from '../../../app/cli/trust';
import type { ServerCertificateCheck } from '../../../main/ftp/certificate';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.remove());
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
  '-keyout', path.join(temp.path, 'key.pem'), '-out', path.join(temp.path, 'cert.pem')], { stdio: 'ignore' });
const leaf = new X509Certificate(readFileSync(path.join(temp.path, 'cert.pem')));

const check = (authorized: boolean): ServerCertificateCheck => ({
  host: 'localhost',
  port: 990,
  chain: [leaf.raw],
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

  it('trusts what Node trusts, and a pinned leaf', async () => {
    const none = cliVerifier({ pins: [], isTty: false, ask: vi.fn(), describe: () => '' });
    expect(await none.verify(check(true))).toBe('trust');
    const pinned = cliVerifier({ pins: [leaf.fingerprint256], isTty: false, ask: vi.fn(), describe: () => '' });
    expect(await pinned.verify(check(false))).toBe('trust');
  });

  it('without a terminal, refuses an untrusted certificate and keeps its fingerprint for the message', async () => {
    const verifier = cliVerifier({ pins: ['00:'.repeat(31) + '00'], isTty: false, ask: vi.fn(), describe: () => '' });
    expect(await verifier.verify(check(false))).toBe('reject');
    expect(verifier.distrust()).toEqual({ fingerprint: leaf.fingerprint256, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('on a terminal, asks and follows the answer', async () => {
    const yes = cliVerifier({ pins: [], isTty: true, ask: async () => 'y', describe: () => 'cert' });
    expect(await yes.verify(check(false))).toBe('trust');
    const no = cliVerifier({ pins: [], isTty: true, ask: async () => '', describe: () => 'cert' });
    expect(await no.verify(check(false))).toBe('reject');
  });
});
