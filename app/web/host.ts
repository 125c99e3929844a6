import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import { RequestGuard, tokenCookie } from './guard';
import { serveSocket } from './socket-session';
import { readRendererFile } from './static-files';

/** Served with every page: the same policy as the renderer's meta tag, plus what only headers can say. */
const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The token travels in the first URL; never let it leak through a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface WebHostOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly dispatcher: Dispatcher;
  /** Fixed only by tests; a random 32-byte token otherwise. */
  readonly token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the web shell's HTTP + WebSocket server on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const server = createServer();
  const guard = new RequestGuard(token, () => (server.address() as AddressInfo).port);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refuse = (status: number, text: string) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders }).end(text);
    };
    if (!guard.hostIsOurs(request)) return refuse(403, 'Wrong Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const given = guard.tokenOf(request);
    if (!guard.tokenMatches(given)) return refuse(401, 'Open Sluice with the link the web host printed (it carries the access token).');
    const url = new URL(request.url ?? '/', guard.expectedOrigin);
    void readRendererFile(rendererDir, url.pathname).then((file) => {
      if (!file) return refuse(404, 'Not found');
      response.writeHead(200, {
        'Content-Type': file.type,
        ...securityHeaders,
        'Set-Cookie': `${tokenCookie}=${given}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    });
  });

  server.on('upgrade', (request, socket, head) => {
    const allowed =
      new URL(request.url ?? '/', guard.expectedOrigin).pathname === '/ws' &&
      guard.hostIsOurs(request) &&
      guard.originIsOurs(request) &&
      guard.tokenMatches(guard.tokenOf(request));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.dispatcher));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.clients.forEach((client) => client.terminate());
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
