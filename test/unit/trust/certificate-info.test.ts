import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDetails, parseDistinguishedName, splitAltNames, splitPemBundle } from '../../../main/trust/certificate-info';
import { decodeOid, isWeakSignature, signatureAlgorithmName, signatureAlgorithmOid } from '../../../main/trust/signature-algorithm';
import { makeTempDir } from '../../support/temp-dir';
import { TestPki } from './pki';

const temp = makeTempDir();
let pki: TestPki;
beforeAll(() => void (pki = new TestPki(temp.path)));
afterAll(() => temp.remove());

describe('certificate details', () => {
  it('reads every field the dialog shows', () => {
    const issued = pki.issue({ cn: 'ftp.example.org', san: 'DNS:ftp.example.org,DNS:*.example.org,IP:192.0.2.7', key: 'rsa2048', fromDays: -1, toDays: 10 });
    const x509 = new X509Certificate(issued.der);
    const details = certificateDetails(issued.der);
    expect(details.subject).toMatchObject({ commonName: 'ftp.example.org', text: 'CN=ftp.example.org' });
    expect(details.issuer).toMatchObject({ commonName: 'Sluice Trust Test CA', organization: 'Sluice tests' });
    expect(details.subjectAltNames).toEqual(['DNS:ftp.example.org', 'DNS:*.example.org', 'IP Address:192.0.2.7']);
    expect(details.validFrom).toBe(Date.parse(x509.validFrom));
    expect(details.validTo - details.validFrom).toBe(11 * 86_400_000);
    expect(details.serialNumber).toBe(x509.serialNumber);
    expect(details.sha256).toBe(createHash('sha256').update(issued.der).digest('hex').toUpperCase().match(/../g)!.join(':'));
    expect(details.sha1).toBe(createHash('sha1').update(issued.der).digest('hex').toUpperCase().match(/../g)!.join(':'));
    expect(details).toMatchObject({ keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'ecdsa-with-SHA256', selfSigned: false, isCa: false });
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
    expect(details.publicKeySha256.replaceAll(':', '').toLowerCase()).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(details.pem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('names EC curves and their size, and tells self-signed and CA certificates', () => {
    expect(certificateDetails(pki.issue({}).der)).toMatchObject({ keyType: 'ec', keyBits: 256, curve: 'prime256v1' });
    expect(certificateDetails(pki.issue({ key: 'ec224' }).der)).toMatchObject({ keyBits: 224, curve: 'secp224r1' });
    expect(certificateDetails(pki.issue({ selfSigned: true }).der).selfSigned).toBe(true);
    expect(certificateDetails(pki.caPem)).toMatchObject({ selfSigned: true, isCa: true });
  });

  it('reads the signature algorithm from the DER', () => {
    expect(signatureAlgorithmName(pki.issue({ md: 'sha1' }).der)).toBe('ecdsa-with-SHA1');
    expect(signatureAlgorithmName(pki.issue({ selfSigned: true, key: 'rsa2048' }).der)).toBe('sha256WithRSAEncryption');
    expect(signatureAlgorithmName(pki.issue({ selfSigned: true, key: 'rsa2048', md: 'sha1' }).der)).toBe('sha1WithRSAEncryption');
    expect(decodeOid(Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]))).toBe('1.2.840.113549.1.1.11');
    expect(decodeOid(Uint8Array.from([0x2b, 0x65, 0x70]))).toBe('1.3.101.112');
    // Not a certificate, or cut short: no algorithm rather than a wrong one.
    expect(signatureAlgorithmOid(Uint8Array.from([0x30, 0x82, 0x01]))).toBeUndefined();
    expect(signatureAlgorithmName(pki.issue({}).der.subarray(0, 100))).toBe('unknown');
  });

  it('flags SHA-1 and MD5 signatures as weak', () => {
    for (const name of ['sha1WithRSAEncryption', 'md5WithRSAEncryption', 'ecdsa-with-SHA1', 'dsa-with-SHA1']) expect(isWeakSignature(name), name).toBe(true);
    for (const name of ['sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'ED25519', 'rsassaPss']) expect(isWeakSignature(name), name).toBe(false);
  });

  it('splits names and alternative names without being fooled by commas inside a value', () => {
    expect(parseDistinguishedName('C=DE\nO=Example\nOU=One\nOU=Two\nCN=ftp.example.org\nemailAddress=a@example.org')).toEqual({
      country: 'DE', organization: 'Example', organizationalUnit: 'One, Two', commonName: 'ftp.example.org', email: 'a@example.org',
      text: 'C=DE\nO=Example\nOU=One\nOU=Two\nCN=ftp.example.org\nemailAddress=a@example.org',
    });
    expect(splitAltNames('DNS:"evil.example, DNS:good.example", DNS:a.example')).toEqual(['DNS:evil.example, DNS:good.example', 'DNS:a.example']);
    expect(splitAltNames(undefined)).toEqual([]);
  });

  it('splits a PEM bundle', () => {
    expect(splitPemBundle(`${pki.caPem}\n${pki.issue({}).pem}`)).toHaveLength(2);
  });
});
