import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultPort, requiresTls } from '../../../main/ftp/policy';
import { tlsConnectionOptions } from '../../../main/ftp/tls-options';

describe('tlsConnectionOptions', () => {
  const stream = new PassThrough();

  it('sends SNI for names, never for IP addresses, and defaults to TLS 1.2 at least', () => {
    expect(tlsConnectionOptions({ mode: 'explicit' }, 'ftp.example.org', stream)).toMatchObject({ servername: 'ftp.example.org', minVersion: 'TLSv1.2' });
    expect(tlsConnectionOptions({ mode: 'explicit' }, '127.0.0.1', stream).servername).toBeUndefined();
    expect(tlsConnectionOptions({ mode: 'explicit' }, '::1', stream).servername).toBeUndefined();
  });

  it('leaves the decision to our callback, with Node verifying the chain against bundled plus extra roots', () => {
    const options = tlsConnectionOptions({ mode: 'implicit', minVersion: 'TLSv1.3', extraCa: ['PEM'] }, 'h', stream);
    expect(options.rejectUnauthorized).toBe(false);
    expect(options.minVersion).toBe('TLSv1.3');
    expect(Array.isArray(options.ca) && options.ca.at(-1)).toBe('PEM');
    expect(tlsConnectionOptions({ mode: 'explicit' }, 'h', stream).ca).toBeUndefined();
  });

  it('passes a PEM or PKCS#12 client certificate with its passphrase', () => {
    const pem = tlsConnectionOptions({ mode: 'explicit', clientCertificate: { format: 'pem', cert: 'C', key: 'K', passphrase: 'p' } }, 'h', stream);
    expect(pem).toMatchObject({ cert: 'C', key: 'K', passphrase: 'p' });
    const pfx = Buffer.from('pfx');
    expect(tlsConnectionOptions({ mode: 'explicit', clientCertificate: { format: 'pkcs12', pfx } }, 'h', stream).pfx).toBe(pfx);
  });
});

describe('policy', () => {
  it('knows default ports and which modes require TLS', () => {
    expect(defaultPort('implicit')).toBe(990);
    expect(defaultPort('explicit')).toBe(21);
    expect(['explicit', 'implicit', 'explicit-if-available', 'plain'].map((mode) => requiresTls(mode as 'plain'))).toEqual([true, true, false, false]);
  });
});
