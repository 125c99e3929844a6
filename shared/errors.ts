/**
 * Errors as values: every failure that crosses a boundary (IPC, WebSocket, CLI) is a
 * `{ kind, message, code?, phase? }`, never a stack. The UI turns the kind into a
 * sentence a person can act on; the log keeps the detail.
 */

/**
 * The failures of the FTP engine: network, TLS and protocol, data connections and listings.
 * The engine's own errors (main/ftp/errors.ts) take these kinds, and 'invalid-argument'.
 */
export type EngineErrorKind =
  // network and protocol
  | 'timeout'
  | 'connection-closed'
  | 'connection-failed'
  | 'tls-required'
  | 'tls-handshake'
  | 'certificate-rejected'
  | 'auth-failed'
  | 'command-failed'
  | 'reply-too-long'
  | 'reply-too-large'
  | 'protocol'
  | 'injection'
  | 'closed'
  | 'cancelled'
  // data connections and listings
  | 'data-certificate-mismatch'
  | 'session-not-resumed'
  | 'listing-too-large'
  | 'unsafe-local-path'
  | 'verify-failed';

/** Every kind of failure the services report. */
export type ErrorKind =
  // contract and transport
  | 'invalid-argument'
  | 'unknown-method'
  | 'transport'
  | 'internal'
  // local file system
  | 'not-found'
  | 'permission-denied'
  | 'exists'
  | 'not-empty'
  | 'not-a-directory'
  | 'is-a-directory'
  | 'unsupported'
  | 'io'
  | EngineErrorKind
  // saved sites and the credential vault
  | 'vault-locked'
  | 'wrong-master-password'
  | 'secret-unavailable'
  | 'unsupported-version';

/** Where in a session an error happened. */
export type ErrorPhase = 'connect' | 'tls' | 'auth' | 'command' | 'data';

/** The shape an error takes on the wire. */
export interface WireError {
  readonly kind: ErrorKind | (string & {});
  readonly message: string;
  readonly code?: number;
  readonly phase?: ErrorPhase;
}

/** A typed error thrown by services and re-thrown on the far side of a transport. */
export class SluiceError extends Error implements WireError {
  override readonly name = 'SluiceError';
  constructor(
    readonly kind: WireError['kind'],
    message: string,
    readonly code?: number,
    readonly phase?: ErrorPhase,
  ) {
    super(message);
  }
}

/** True for any value that already has the wire shape (SluiceError or a structurally equal error). */
export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.kind === 'string' && typeof candidate.message === 'string';
}

/** Reduces anything thrown to the wire shape; unknown throwables become 'internal'. */
export function toWireError(error: unknown): WireError {
  if (isWireError(error)) {
    const wire: { -readonly [K in keyof WireError]: WireError[K] } = {
      kind: error.kind,
      message: error.message,
    };
    if (typeof error.code === 'number') wire.code = error.code;
    if (error.phase !== undefined) wire.phase = error.phase;
    return wire;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: message || 'Internal error' };
}

/** Turns a wire error back into a throwable on the receiving side. */
export function fromWireError(wire: WireError): SluiceError {
  return new SluiceError(wire.kind, wire.message, wire.code, wire.phase);
}
