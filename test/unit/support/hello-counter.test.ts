import { createServer, type Server, type Socket } from 'node:net';
import { connect, createSecureContext, TLSSocket, type ConnectionOptions } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates, type TestCertificates } from '../../support/fault-server/certs';
import { ClientHelloScanner, HelloCountingStream } from '../../support/fault-server/hello-counter';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('sluice-hello-certs-');
let certs: TestCertificates;
const servers: Server[] = [];
beforeAll(() => {
  certs = makeTestCertificates(dir.path);
});
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});
afterAll(() => dir.remove());

/** What the server saw of one connection: ClientHellos counted, and the client's raw bytes. */
interface Seen {
  readonly clientHellos: number;
  readonly bytes: Buffer;
}

/** A TLS 1.3 server taking P-256 only (as vsftpd), behind the counter; resolves once a client's handshake is done. */
async function p256Server(): Promise<{ port: number; seen: Promise<Seen> }> {
  const context = createSecureContext({ key: certs.serverKey, cert: certs.serverCert, minVersion: 'TLSv1.3', ecdhCurve: 'P-256' });
  const server = createServer();
  servers.push(server);
  const seen = new Promise<Seen>((resolve, reject) => {
    server.once('connection', (raw: Socket) => {
      const chunks: Buffer[] = [];
      raw.on('data', (chunk: Buffer) => chunks.push(chunk));
      const counter = new HelloCountingStream(raw);
      const tls = new TLSSocket(counter, { isServer: true, secureContext: context });
      // Only an error before the handshake is done matters; the close that follows may reset.
      tls.on('error', () => undefined);
      tls.once('error', reject);
      tls.once('secure', () => {
        resolve({ clientHellos: counter.clientHellos, bytes: Buffer.concat(chunks) });
        tls.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, seen };
}

/** A plain Node TLS client handshake; resolves with the group it used (only a client can tell). */
function handshake(port: number, extra: Partial<ConnectionOptions> = {}): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca: certs.caCert, checkServerIdentity: () => undefined, ...extra });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const info = socket.getEphemeralKeyInfo();
      resolve(info !== null && 'name' in info && typeof info.name === 'string' ? info.name : undefined);
      socket.end();
    });
  });
}

describe('ClientHello counter', () => {
  it('counts 2 ClientHellos when the client leads with X25519 and the server takes P-256 only (HelloRetryRequest)', async () => {
    const { port, seen } = await p256Server();
    expect(await handshake(port)).toBe('prime256v1');
    expect((await seen).clientHellos).toBe(2);
  });

  it('counts 1 ClientHello when the client leads with P-256', async () => {
    const { port, seen } = await p256Server();
    expect(await handshake(port, { ecdhCurve: 'P-256' })).toBe('prime256v1');
    expect((await seen).clientHellos).toBe(1);
  });

  it('finds the same ClientHellos in the same bytes fed one at a time, records split anywhere', async () => {
    const { port, seen } = await p256Server();
    await handshake(port);
    const { bytes, clientHellos } = await seen;
    const scanner = new ClientHelloScanner();
    for (const byte of bytes) scanner.scan(Buffer.of(byte));
    expect(scanner.count).toBe(clientHellos);
    expect(scanner.count).toBe(2);
  });

  it('counts only handshake records that hold a ClientHello, several records per chunk', () => {
    const record = (type: number, payload: number[]): Buffer => Buffer.from([type, 0x03, 0x03, 0, payload.length, ...payload]);
    const hello = [0x01, 0, 0, 2, 0x03, 0x03];
    const scanner = new ClientHelloScanner();
    scanner.scan(Buffer.concat([
      record(0x16, hello),
      // Application data and a ChangeCipherSpec, even with ClientHello-looking bytes: not counted.
      record(0x17, hello),
      record(0x14, [0x01]),
      // A handshake record of another message (Finished, 20): not counted.
      record(0x16, [0x14, 0, 0, 1, 0]),
      // An empty record, then a ClientHello cut short of its version: not counted.
      record(0x16, []),
      record(0x16, [0x01, 0, 0]),
      record(0x16, hello),
    ]));
    expect(scanner.count).toBe(2);
  });
});
