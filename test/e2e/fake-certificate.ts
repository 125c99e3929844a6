import type { CertificateDetails, CertificateInfo } from '../../shared/services/trust';

/** A plausible certificate for the dialogs; fingerprints are fixed so tests can look for them. */
export function fakeCertificate(overrides: Partial<CertificateDetails> = {}): CertificateDetails {
  const now = Date.now();
  return {
    subject: { commonName: 'localhost', organization: 'Sluice Test', text: 'CN=localhost\nO=Sluice Test' },
    issuer: { commonName: 'Sluice Test CA', organization: 'Sluice Test', text: 'CN=Sluice Test CA\nO=Sluice Test' },
    subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
    validFrom: now - 86_400_000,
    validTo: now + 86_400_000,
    serialNumber: '3A:9F:10:22:7C:01',
    sha256: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
    sha1: '01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67',
    keyType: 'ec',
    keyBits: 256,
    curve: 'P-256',
    publicKeySha256: 'PK1',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    selfSigned: false,
    isCa: false,
    pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    ...overrides,
  };
}

/** A two-certificate chain with the given reasons. */
export function fakeCertificateInfo(reasons: CertificateInfo['reasons'] = ['unknown-issuer'], leaf: Partial<CertificateDetails> = {}): CertificateInfo {
  const root = fakeCertificate({
    subject: { commonName: 'Sluice Test CA', organization: 'Sluice Test', text: 'CN=Sluice Test CA\nO=Sluice Test' },
    subjectAltNames: [],
    sha256: '11:22:33:44:55:66:77:88:99:00:11:22:33:44:55:66:77:88:99:00:11:22:33:44:55:66:77:88:99:00:11:22',
    selfSigned: true,
    isCa: true,
  });
  return { host: '127.0.0.1', port: 2121, chain: [fakeCertificate(leaf), root], tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', reasons };
}
