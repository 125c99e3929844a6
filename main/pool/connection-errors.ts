import { FtpError } from '../ftp/errors';

// Replies that say the connection (not the request) failed: service closing, no data connection, transfer aborted.
const CONNECTION_CODES = new Set([421, 425, 426]);
// Node socket errors that end a connection.
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * True when `error` says the connection broke rather than the request being refused:
 * 421/425/426, timeouts, resets and closed sessions. Such a task may succeed on a fresh
 * connection; a 550 or a verification failure would fail again.
 */
export function isConnectionLevel(error: unknown): boolean {
  if (error instanceof FtpError) {
    if (error.code !== undefined && CONNECTION_CODES.has(error.code)) return true;
    switch (error.kind) {
      case 'timeout':
      case 'connection-closed':
      case 'connection-failed':
      case 'closed':
        return true;
      default:
        return socketCodeOf(error.cause) !== undefined;
    }
  }
  return socketCodeOf(error) !== undefined;
}

function socketCodeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && SOCKET_CODES.has(code) ? code : undefined;
}
