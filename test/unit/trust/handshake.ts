// Node's verdict on a certificate exactly as the engine gets it: a real TLS handshake over
// loopback, the client set up as main/ftp/tls-options.ts does (our own decision, Node's
// verdict as input), then peerChain and nodeVerdict from main/ftp/certificate.ts.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer, rootCertificates } from 'node:tls';
import { nodeVerdict, peerChain, type ServerCertificateCheck } from '../../../main/ftp/certificate';

/** What the engine's certificate callback would receive from a server presenting `certPem` (+ `chainPem`). */
export async function handshakeCheck(options: { certPem: string; keyPath: string; host: string; extraCa?: readonly string[] }): Promise<ServerCertificateCheck> {
  // SECLEVEL=0 on the server only, so that it agrees to present weak keys and SHA-1 certificates at all.
  const server = createServer({ cert: options.certPem, key: readFileSync(options.keyPath), ciphers: 'DEFAULT@SECLEVEL=0' }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const socket = connect({
      host: '127.0.0.1',
      port,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...(options.extraCa?.length ? { ca: [...rootCertificates, ...options.extraCa] } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    const check: ServerCertificateCheck = {
      host: options.host,
      port,
      chain: peerChain(socket),
      tlsVersion: socket.getProtocol() ?? 'unknown',
      cipher: socket.getCipher().name,
      nodeVerdict: nodeVerdict(socket, options.host),
    };
    socket.destroy();
    return check;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
