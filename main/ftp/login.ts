import type { ControlConnection } from './control';
import { FtpError } from './errors';
import type { Reply } from './reply';

/** What a login needs; `password` may be absent when a client certificate logs in (232). */
export interface Credentials {
  readonly user: string;
  readonly password?: string;
  readonly account?: string;
}

const LOGGED_IN = new Set([202, 230, 232]);

/** USER, then PASS when asked (331), then ACCT when asked (332); resolves with the reply that logged in. */
export async function login(control: ControlConnection, credentials: Credentials): Promise<Reply> {
  let reply = await control.send('USER', credentials.user, { phase: 'auth', securing: true });
  // 232: the TLS client certificate was enough (RFC 4217 §9); no password goes out.
  if (reply.code === 331) reply = await control.send('PASS', credentials.password ?? '', { phase: 'auth', securing: true });
  if (reply.code === 332) {
    if (credentials.account === undefined) {
      throw new FtpError('auth-failed', 'The server asks for an account (ACCT) and none is set', 'auth', 332);
    }
    reply = await control.send('ACCT', credentials.account, { phase: 'auth', securing: true });
  }
  if (LOGGED_IN.has(reply.code)) return reply;
  throw new FtpError('auth-failed', `Login refused: ${reply.code} ${reply.text}`, 'auth', reply.code);
}
