// A vsftpd (session reuse required, TLS 1.3) behind a delay proxy on 127.0.0.2: a server
// `2 × DELAY_MS` away for measuring by hand what round trips cost.
//
//   DELAY_MS=10 npx tsx test/bench/latency/serve.ts     # prints the site as JSON, then waits
//
// Its certificate names 127.0.0.1: pass `--trust` with the fingerprint it prints.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startServer } from '../../support/servers/index';
import { startDelayProxy } from './delay-proxy';

const PASSIVE = { min: 41000, max: 41149 };
const delayMs = Number(process.env.DELAY_MS ?? 10);
const server = await startServer('vsftpd', { requireSessionReuse: true, tlsVersion: '1.3', quietLogs: true, passivePorts: PASSIVE });
const ports = [server.port, ...Array.from({ length: PASSIVE.max - PASSIVE.min + 1 }, (_, i) => PASSIVE.min + i)];
const proxy = await startDelayProxy('127.0.0.2', '127.0.0.1', ports, delayMs);
const certificate = new X509Certificate(await readFile(server.serverCertPath));
console.log(JSON.stringify({ host: '127.0.0.2', port: server.port, user: server.user, password: server.password,
  root: server.root, trust: certificate.fingerprint256, roundTripMs: 2 * delayMs }));
const stop = async (): Promise<void> => {
  await proxy.close();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
