import { once } from 'node:events';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { connect, type ConnectionOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPeerCertificate } from '../../../main/ftp/session-trim';
import { makeTestCertificates, type TestCertificates } from '../../support/fault-server/certs';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('sluice-trim-certs-');
let certs: TestCertificates;
let server: Server;
let port: number;
beforeAll(async () => {
  certs = makeTestCertificates(dir.path);
  server = createServer({ key: certs.serverKey, cert: certs.serverCert }, (socket) => socket.end('hello'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  dir.remove();
});

/** Connects, reads to the end and gives the newest session the server handed out. */
async function handshake(options: ConnectionOptions): Promise<{ socket: TLSSocket; session: Buffer | undefined }> {
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
  let session: Buffer | undefined;
  socket.on('session', (fresh: Buffer) => {
    session = fresh;
  });
  socket.resume();
  await once(socket, 'end');
  return { socket, session };
}

const certificateDer = (): Buffer => Buffer.from(certs.serverCert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

describe('withoutPeerCertificate', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`drops the certificate from a ${version} session, which still resumes`, async () => {
      const first = await handshake({ minVersion: version, maxVersion: version });
      const session = first.session!;
      expect(session.includes(certificateDer())).toBe(true);
      const trimmed = withoutPeerCertificate(session, true);
      expect(trimmed.includes(certificateDer())).toBe(false);
      expect(trimmed.length).toBeLessThan(session.length - certificateDer().length);
      const again = await handshake({ minVersion: version, maxVersion: version, session: trimmed });
      expect(again.socket.isSessionReused()).toBe(true);
      // A session handed out on the resumed connection has no certificate to drop.
      if (again.session !== undefined) expect(withoutPeerCertificate(again.session, true).equals(again.session)).toBe(true);
    });
  }

  it('leaves a session alone when disabled (BoringSSL), or when its bytes are not what it expects', () => {
    const sample = Buffer.from([0x30, 0x07, 0x02, 0x01, 0x01, 0xa3, 0x02, 0x05, 0x00]);
    expect(withoutPeerCertificate(sample, true).equals(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toBe(true);
    expect(withoutPeerCertificate(sample, false)).toBe(sample);
    for (const odd of [
      Buffer.from([0x31, 0x03, 0x02, 0x01, 0x01]), // not a SEQUENCE
      Buffer.from([0x30, 0x05, 0x04, 0x01, 0x01, 0xa3, 0x00]), // first field not the version INTEGER
      Buffer.from([0x30, 0x09, 0x02, 0x01, 0x01, 0xa3, 0x00, 0xa3, 0x00, 0x05, 0x00]), // trailing bytes
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x01, 0xa3, 0x05, 0x00]), // a field running past the end
      Buffer.from([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00]), // indefinite length
      Buffer.from([0x30, 0x07, 0x02, 0x01, 0x01, 0xa3, 0x00, 0xa3, 0x00]), // two certificates
      Buffer.alloc(0),
    ]) {
      expect(withoutPeerCertificate(odd, true)).toBe(odd);
    }
  });

  it('re-encodes a long length', () => {
    const filler = Buffer.alloc(300, 0x41);
    const inner = Buffer.concat([Buffer.from([0x02, 0x01, 0x01, 0x04, 0x82, 0x01, 0x2c]), filler, Buffer.from([0xa3, 0x02, 0x05, 0x00])]);
    const session = Buffer.concat([Buffer.from([0x30, 0x82, inner.length >> 8, inner.length & 0xff]), inner]);
    const trimmed = withoutPeerCertificate(session, true);
    const content = inner.subarray(0, inner.length - 4);
    expect(trimmed.equals(Buffer.concat([Buffer.from([0x30, 0x82, content.length >> 8, content.length & 0xff]), content]))).toBe(true);
  });
});
