// Throwaway PKI made with the openssl CLI for each server run: a CA, a server certificate
// for localhost/127.0.0.1, and optionally a client certificate. Never committed; lives in
// the server's temp dir and is deleted by stop().
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  caPath: string;
  caKeyPath: string;
  ca: string;
  serverCertPath: string;
  serverKeyPath: string;
  /** Server certificate followed by its key, for servers that want one file. */
  serverPemPath: string;
  clientCertPath?: string;
  clientKeyPath?: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr ?? e.message}`);
  }
}

/** Makes a key + CSR and signs it with the CA. `ext` is an x509v3 extensions section. */
async function issue(dir: string, name: string, subject: string, ext: string): Promise<void> {
  const extPath = path.join(dir, `${name}.ext`);
  await writeFile(extPath, ext);
  // EC P-256 keys: fast to generate, accepted by every server's OpenSSL.
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '2', '-sha256', '-extfile', extPath, '-out', `${name}.pem`], dir);
}

export async function makeCertificates(dir: string, withClient: boolean): Promise<Certificates> {
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-sha256', '-subj', '/CN=Sluice test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  await issue(dir, 'server', '/CN=localhost', [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
  ].join('\n'));
  const certs: Certificates = {
    caPath: path.join(dir, 'ca.pem'),
    caKeyPath: path.join(dir, 'ca.key'),
    ca: await readFile(path.join(dir, 'ca.pem'), 'utf8'),
    serverCertPath: path.join(dir, 'server.pem'),
    serverKeyPath: path.join(dir, 'server.key'),
    serverPemPath: path.join(dir, 'server-combined.pem'),
  };
  const combined = (await readFile(certs.serverCertPath, 'utf8')) + (await readFile(certs.serverKeyPath, 'utf8'));
  await writeFile(certs.serverPemPath, combined, { mode: 0o600 });
  if (withClient) {
    await issue(dir, 'client', '/CN=sluice-test-client', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth',
    ].join('\n'));
    certs.clientCertPath = path.join(dir, 'client.pem');
    certs.clientKeyPath = path.join(dir, 'client.key');
  }
  return certs;
}
