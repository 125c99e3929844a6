import { describe, expect, it } from 'vitest';
import { certificateNames, describeKey, isWeakKey, isWeakSignature, reasonSentence, validityFlag, chainRole } from '../../../renderer/src/certificates/reasons';
import { fakeCertificate, fakeCertificateInfo } from '../../e2e/fake-certificate';

describe('certificate reasons in plain words', () => {
  const info = fakeCertificateInfo(['unknown-issuer'], { validFrom: Date.UTC(2030, 0, 1), validTo: Date.UTC(2020, 5, 1) });

  it('names the unknown issuer and the self-signed case', () => {
    expect(reasonSentence('unknown-issuer', info)).toBe('The certificate was issued by an authority this computer does not know (“Sluice Test CA”).');
    expect(reasonSentence('self-signed', info)).toBe('The certificate is self-signed: nobody but the server itself vouches for it.');
  });

  it('gives the dates of expiry and of validity', () => {
    expect(reasonSentence('expired', info)).toMatch(/^The certificate expired on .*2020\.$/);
    expect(reasonSentence('not-yet-valid', info)).toMatch(/^The certificate is not valid until .*2030\.$/);
  });

  it('says which name does not match and which names the certificate holds', () => {
    const mismatch = { ...info, host: 'ftp.example.com' };
    expect(reasonSentence('name-mismatch', mismatch)).toBe(
      'The name ftp.example.com does not match the names in the certificate (localhost, 127.0.0.1).',
    );
  });

  it('names a weak key and a weak signature', () => {
    const weak = fakeCertificateInfo(['weak-key', 'weak-signature'], { keyType: 'rsa', keyBits: 1024, curve: undefined, signatureAlgorithm: 'sha1WithRSAEncryption' });
    expect(reasonSentence('weak-key', weak)).toBe("The certificate's key is too weak to be safe (RSA 1024 bits).");
    expect(reasonSentence('weak-signature', weak)).toBe('The certificate is signed with a weak algorithm (sha1WithRSAEncryption).');
    expect(reasonSentence('invalid-chain', weak)).toBe('The certificate chain is incomplete or does not verify.');
  });

  it('flags weak algorithms and keys, and describes keys', () => {
    expect(isWeakSignature('sha1WithRSAEncryption')).toBe(true);
    expect(isWeakSignature('md5WithRSAEncryption')).toBe(true);
    expect(isWeakSignature('sha256WithRSAEncryption')).toBe(false);
    expect(isWeakSignature('ecdsa-with-SHA256')).toBe(false);
    expect(isWeakKey(fakeCertificate({ keyType: 'rsa', keyBits: 2048 }))).toBe(false);
    expect(isWeakKey(fakeCertificate({ keyType: 'rsa', keyBits: 1024 }))).toBe(true);
    expect(describeKey(fakeCertificate())).toBe('EC P-256 (256 bits)');
    expect(describeKey(fakeCertificate({ keyType: 'ed25519', keyBits: undefined, curve: undefined }))).toBe('Ed25519');
  });

  it('reads names from SANs, else the common name', () => {
    expect(certificateNames(fakeCertificate())).toEqual(['localhost', '127.0.0.1']);
    expect(certificateNames(fakeCertificate({ subjectAltNames: [] }))).toEqual(['localhost']);
  });

  it('flags validity against the clock and names chain roles', () => {
    const cert = fakeCertificate({ validFrom: 1000, validTo: 2000 });
    expect(validityFlag(cert, 500)).toBe('not-yet-valid');
    expect(validityFlag(cert, 1500)).toBeNull();
    expect(validityFlag(cert, 2500)).toBe('expired');
    expect([0, 1, 2].map((index) => chainRole(index, 3))).toEqual(['Server', 'Intermediate', 'Root']);
    expect(chainRole(0, 1)).toBe('Server');
  });
});
