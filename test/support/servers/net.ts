// Loopback networking helpers: pick a free port, wait for an FTP 220 greeting.
import net from 'node:net';
import tls from 'node:tls';

export const HOST = '127.0.0.1';

/** A port that was free a moment ago: bind port 0 and let the kernel choose. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface GreetingProbe {
  port: number;
  /** Implicit TLS: handshake first, then read the greeting inside TLS. */
  implicit: boolean;
  ca: string;
  cert?: string;
  key?: string;
}

/** Connects once and resolves with the greeting line, or rejects on any failure. */
function readGreeting(p: GreetingProbe, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock: net.Socket = p.implicit
      ? tls.connect({ host: HOST, port: p.port, ca: p.ca, servername: 'localhost', cert: p.cert, key: p.key })
      : net.connect({ host: HOST, port: p.port });
    let buf = '';
    const done = (err: Error | undefined, line?: string) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(line ?? '');
    };
    const timer = setTimeout(() => done(new Error('no greeting within timeout')), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      // A multi-line greeting ends with "220 " (space) on its last line.
      const last = buf.split('\r\n').find((l) => /^\d{3} /.test(l));
      if (last) {
        if (last.startsWith('220')) done(undefined, last);
        else done(new Error(`unexpected greeting: ${buf.trim()}`));
      }
    });
    sock.on('error', (err) => done(err));
    sock.on('close', () => done(new Error(`connection closed before greeting: ${buf.trim()}`)));
  });
}

/**
 * Polls until the server greets with 220. `alive` lets us stop early when the process died.
 * QUIT isn't sent: closing the socket is enough and keeps the probe server-agnostic.
 */
export async function waitForGreeting(p: GreetingProbe, alive: () => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`server exited before greeting (last probe error: ${String(lastError)})`);
    try {
      return await readGreeting(p, 3_000);
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not greet on port ${p.port} within ${timeoutMs} ms: ${String(lastError)}`);
}
