import { isWireError, type WireError } from '../../../shared/errors';
import type { SessionState } from '../../../shared/services/session';

/** Where the failed session was going, for sentences like "Could not connect to host:port". */
export interface ErrorContext {
  readonly host?: string;
  readonly port?: number;
}

function address(context: ErrorContext): string {
  if (!context.host) return 'the server';
  return context.port !== undefined ? `${context.host}:${context.port}` : context.host;
}

/**
 * A sentence a person can act on for a session failure. The kind decides the words;
 * the engine's message (with the FTP reply) stays in the protocol log.
 */
export function describeSessionError(error: WireError, context: ErrorContext = {}): string {
  switch (error.kind) {
    case 'certificate-rejected':
      return 'Certificate rejected. The connection was closed before your password was sent.';
    case 'auth-failed':
      return 'Login incorrect. Check the user name and password.';
    case 'session-not-resumed':
      return 'The server requires TLS session reuse and the data connection could not resume it.';
    case 'data-certificate-mismatch':
      return 'The data connection presented a different certificate than the control connection, so it was closed.';
    case 'connection-failed':
      return `Could not connect to ${address(context)}. Check the host name and port, and that the server is running.`;
    case 'timeout':
      return context.host ? `The server ${address(context)} did not answer in time.` : 'The server did not answer in time.';
    case 'tls-required':
      return 'The server does not support TLS; your site requires it.';
    case 'tls-handshake':
      return 'The secure connection could not be set up (TLS handshake failed). The server may require a newer TLS version or a client certificate.';
    case 'connection-closed':
    case 'closed':
      return 'The server closed the connection.';
    case 'injection':
      return 'The server sent unexpected data while encryption was being set up; the connection was closed for safety.';
    case 'cancelled':
      return 'The connection was cancelled.';
    case 'listing-too-large':
      return 'This folder is too large to list.';
    case 'reply-too-long':
    case 'reply-too-large':
    case 'protocol':
      return 'The server sent a reply Sluice could not understand; the connection was closed.';
    case 'vault-locked':
      return 'The password vault is locked. Unlock it with your master password to use saved passwords.';
    case 'wrong-master-password':
      return 'Wrong master password.';
    case 'secret-unavailable':
      return 'The saved password could not be read on this computer. Enter it again in the Site Manager.';
    case 'transport':
      return 'Lost the connection to Sluice; reload the window.';
    default:
      return error.message;
  }
}

/** The failure of a session state, in words; null when it did not fail. */
export function sessionFailure(state: SessionState): string | null {
  if (state.status !== 'failed' || !state.error) return null;
  return describeSessionError(state.error, state);
}

/** Any thrown value from a remote operation, in words. */
export function describeRemoteError(error: unknown, context: ErrorContext = {}): string {
  if (isWireError(error)) return describeSessionError(error, context);
  return error instanceof Error ? error.message : String(error);
}
