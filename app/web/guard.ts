import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the web host: only a page on http://127.0.0.1:PORT that was opened
 * from the printed link. The Host check defeats DNS rebinding (a hostile name resolving
 * to 127.0.0.1 sends its own Host); the Origin check stops other local pages; the token
 * stops other local processes and users.
 */
export class RequestGuard {
  private readonly expectedToken: Buffer;

  constructor(
    token: string,
    private readonly port: () => number,
  ) {
    this.expectedToken = Buffer.from(token);
  }

  get expectedHost(): string {
    return `127.0.0.1:${this.port()}`;
  }

  get expectedOrigin(): string {
    return `http://${this.expectedHost}`;
  }

  hostIsOurs(request: IncomingMessage): boolean {
    return request.headers.host === this.expectedHost;
  }

  /** Browsers send Origin on WebSocket handshakes; absence means a non-browser client, refused too. */
  originIsOurs(request: IncomingMessage): boolean {
    return request.headers.origin === this.expectedOrigin;
  }

  tokenMatches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === this.expectedToken.length && timingSafeEqual(given, this.expectedToken);
  }

  /** The token from `?token=` or from the cookie set when the page was first opened. */
  tokenOf(request: IncomingMessage): string | undefined {
    const url = new URL(request.url ?? '/', this.expectedOrigin);
    const fromQuery = url.searchParams.get('token');
    if (fromQuery) return fromQuery;
    const cookie = (request.headers.cookie ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith(`${tokenCookie}=`));
    return cookie?.slice(tokenCookie.length + 1);
  }
}

export const tokenCookie = 'sluice_token';
