import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerCertificateCheck } from '../../../main/ftp/certificate';
import { AnchorSet, trustAnchors } from '../../../main/trust/anchors';
import { certificateInfo, isWeakKey, reasonsFromNode } from '../../../main/trust/verify';
import { makeTempDir } from '../../support/temp-dir';
import { handshakeCheck } from './handshake';
import { TestPki, type IssueOptions } from './pki';

// Every case is a real handshake on loopback, so Node's verdict is the one the engine gets.
const temp = makeTempDir();
let pki: TestPki;
beforeAll(() => void (pki = new TestPki(temp.path)));
afterAll(() => temp.remove());

async function reasonsFor(options: IssueOptions, { host = 'localhost', ca = true } = {}) {
  const issued = pki.issue(options);
  const extraCa = ca ? [pki.caPem] : [];
  const check = await handshakeCheck({ certPem: issued.pem, keyPath: issued.keyPath, host, extraCa });
  return certificateInfo(check, trustAnchors(extraCa)).reasons;
}

describe('why a certificate is not trusted', () => {
  it('trusts a chain to a known root whose name matches (IP addresses too)', async () => {
    expect(await reasonsFor({})).toEqual([]);
    expect(await reasonsFor({ san: 'DNS:localhost,IP:127.0.0.1' }, { host: '127.0.0.1' })).toEqual([]);
    expect(await reasonsFor({ key: 'rsa2048' })).toEqual([]);
  });

  it.each<[string, IssueOptions, { host?: string; ca?: boolean }, string[]]>([
    ['unknown issuer', {}, { ca: false }, ['unknown-issuer']],
    ['self-signed', { selfSigned: true }, {}, ['self-signed']],
    ['expired', { fromDays: -10, toDays: -2 }, {}, ['expired']],
    ['not yet valid', { fromDays: 2, toDays: 5 }, {}, ['not-yet-valid']],
    ['wrong name', {}, { host: 'ftp.example.org' }, ['name-mismatch']],
    ['an IP the certificate does not name', {}, { host: '127.0.0.1' }, ['name-mismatch']],
    ['RSA-1024', { key: 'rsa1024' }, {}, ['weak-key']],
    ['a SHA-1 signature', { md: 'sha1' }, {}, ['weak-signature']],
  ])('%s → exactly that reason', async (_name, options, where, expected) => {
    expect(await reasonsFor(options, where)).toEqual(expected);
  });

  it('lists every reason that applies, not just the one OpenSSL reports', async () => {
    // Node's verdict for this one is only CERT_HAS_EXPIRED.
    expect(await reasonsFor({ selfSigned: true, fromDays: -10, toDays: -1 }, { host: 'ftp.example.org' })).toEqual(['self-signed', 'expired', 'name-mismatch']);
    expect(await reasonsFor({ fromDays: 2, toDays: 5, key: 'rsa1024' }, { ca: false })).toEqual(['unknown-issuer', 'not-yet-valid', 'weak-key']);
  });

  it('maps the handshake errors Node reports, and never turns a no into a yes', () => {
    expect(reasonsFromNode({ authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toEqual(['self-signed']);
    expect(reasonsFromNode({ authorized: false, error: 'SELF_SIGNED_CERT_IN_CHAIN' })).toEqual(['unknown-issuer']);
    expect(reasonsFromNode({ authorized: false, error: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })).toEqual(['unknown-issuer']);
    expect(reasonsFromNode({ authorized: false, error: 'ERR_TLS_CERT_ALTNAME_INVALID' })).toEqual(['name-mismatch']);
    expect(reasonsFromNode({ authorized: false, error: 'CERT_SIGNATURE_FAILURE' })).toEqual(['invalid-chain']);
    expect(reasonsFromNode({ authorized: false, error: 'UNSPECIFIED' })).toBeUndefined();
  });

  it('an unexplained no from Node is still untrusted', async () => {
    const issued = pki.issue({});
    const check = await handshakeCheck({ certPem: issued.pem, keyPath: issued.keyPath, host: 'localhost', extraCa: [pki.caPem] });
    const odd: ServerCertificateCheck = { ...check, nodeVerdict: { authorized: false, error: 'UNSPECIFIED' } };
    expect(certificateInfo(odd, trustAnchors([pki.caPem])).reasons).toEqual(['invalid-chain']);
    expect(certificateInfo({ ...check, chain: [] }, trustAnchors()).reasons).toEqual(['invalid-chain']);
  });

  it('honours the system store when the runtime has one the handshake was not given', async () => {
    const issued = pki.issue({});
    const check = await handshakeCheck({ certPem: issued.pem, keyPath: issued.keyPath, host: 'localhost' });
    expect(check.nodeVerdict.authorized).toBe(false);
    const withSystem = { handshake: [new AnchorSet([])], additional: new AnchorSet([pki.caPem]) };
    expect(certificateInfo(check, withSystem).reasons).toEqual([]);
    // The system store vouches for the chain, not for the name.
    expect(certificateInfo({ ...check, host: 'ftp.example.org' }, withSystem).reasons).toEqual(['name-mismatch']);
  });

  it('calls keys weak below 2048 bits (RSA, DSA) and 256 bits (EC)', () => {
    expect(isWeakKey({ keyType: 'rsa', keyBits: 1024 })).toBe(true);
    expect(isWeakKey({ keyType: 'rsa', keyBits: 2048 })).toBe(false);
    expect(isWeakKey({ keyType: 'dsa', keyBits: 1024 })).toBe(true);
    expect(isWeakKey({ keyType: 'ec', keyBits: 224 })).toBe(true);
    expect(isWeakKey({ keyType: 'ec', keyBits: 256 })).toBe(false);
    expect(isWeakKey({ keyType: 'ed25519', keyBits: 256 })).toBe(false);
  });

  it('carries the connection and the whole chain for the dialog', async () => {
    const issued = pki.issue({});
    const check = await handshakeCheck({ certPem: issued.pem, keyPath: issued.keyPath, host: 'localhost', extraCa: [pki.caPem] });
    const info = certificateInfo(check, trustAnchors([pki.caPem]));
    expect(info).toMatchObject({ host: 'localhost', port: check.port, tlsVersion: check.tlsVersion, cipher: check.cipher });
    expect(info.chain[0]?.pem.trim()).toBe(issued.pem.trim());
  });
});
