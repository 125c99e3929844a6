import type { EngineErrorKind, ErrorPhase, WireError } from '../../shared/errors';

/** The kinds of failure the FTP engine reports: the shared engine kinds, and a bad argument. */
export type FtpErrorKind = EngineErrorKind | 'invalid-argument';

/** Where in a session the engine was when it failed. */
export type FtpPhase = ErrorPhase;

/** A typed engine error; it has the wire shape `{ kind, message, code?, phase }` so it crosses IPC as is. */
export class FtpError extends Error implements WireError {
  override readonly name = 'FtpError';
  readonly kind: FtpErrorKind;
  readonly phase: FtpPhase;
  readonly code?: number;

  constructor(kind: FtpErrorKind, message: string, phase: FtpPhase, code?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.phase = phase;
    if (code !== undefined) this.code = code;
  }

  /** The plain `{ kind, message, code?, phase }` value sent over IPC, without the stack. */
  toJSON(): WireError {
    return this.code === undefined
      ? { kind: this.kind, message: this.message, phase: this.phase }
      : { kind: this.kind, message: this.message, code: this.code, phase: this.phase };
  }
}

/** True when `value` is an FtpError (optionally of the given kind). */
export function isFtpError(value: unknown, kind?: FtpErrorKind): value is FtpError {
  return value instanceof FtpError && (kind === undefined || value.kind === kind);
}

/** Wraps a Node socket error (ECONNREFUSED, ECONNRESET …) as a typed FtpError. */
export function fromSocketError(error: unknown, kind: FtpErrorKind, phase: FtpPhase): FtpError {
  if (error instanceof FtpError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new FtpError(kind, detail, phase, undefined, error);
}
