// Child process for the trust store's crash test: pins one certificate on ever more ports,
// each change a whole rewrite of trust.json through the store's own save path, until it is
// killed with SIGKILL.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { TrustStore } from '../../../main/trust/trust-store';

const [dataDir, pemPath] = process.argv.slice(2) as [string, string];
const pem = readFileSync(pemPath, 'utf8');
const x509 = new X509Certificate(pem);
const store = TrustStore.inDataDir(dataDir);
process.stdout.write('ready\n');
for (let port = 1; ; port = (port % 65535) + 1) {
  await store.put({ host: 'crash.example', port, sha256: x509.fingerprint256, pem, subject: x509.subject, issuer: x509.issuer, validTo: 0, firstSeen: port, lastSeen: port, decidedBy: 'cli' });
}
