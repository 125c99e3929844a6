import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Throwaway PEM material made by openssl for one test run; never committed. */
export interface TestCertificates {
  readonly caCert: string;
  readonly serverKey: string;
  /** Signed by the CA, for localhost and 127.0.0.1. */
  readonly serverCert: string;
  readonly clientKey: string;
  /** Signed by the CA, CN=sluice-client. */
  readonly clientCert: string;
  /** The client certificate and key as PKCS#12, protected by `pfxPassphrase`. */
  readonly clientPfx: Buffer;
  readonly pfxPassphrase: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function signedBy(dir: string, name: string, cn: string, extensions: string): void {
  openssl(dir, ['req', ...EC, '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`]);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, '-extfile', `${name}.ext`]);
}

/** Makes a CA, a server certificate for localhost/127.0.0.1 and a client certificate in `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  openssl(dir, ['req', '-x509', ...EC, '-days', '2', '-subj', '/CN=Sluice Test CA', '-keyout', 'ca.key', '-out', 'ca.crt',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  signedBy(dir, 'server', 'localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  signedBy(dir, 'client', 'sluice-client', 'extendedKeyUsage=clientAuth\n');
  const pfxPassphrase = 'pfx-secret';
  openssl(dir, ['pkcs12', '-export', '-in', 'client.crt', '-inkey', 'client.key', '-out', 'client.p12', '-passout', `pass:${pfxPassphrase}`]);
  const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
  return {
    caCert: read('ca.crt'),
    serverKey: read('server.key'),
    serverCert: read('server.crt'),
    clientKey: read('client.key'),
    clientCert: read('client.crt'),
    clientPfx: readFileSync(path.join(dir, 'client.p12')),
    pfxPassphrase,
  };
}
