import { FtpError, type FtpErrorKind } from '../ftp/errors';
import type { LaneError } from './lane-protocol';

/** An error thrown in the worker, as it can cross to the main thread. */
export function toLaneError(error: unknown): LaneError {
  if (error instanceof FtpError) return { ...error.toJSON(), engine: true };
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  return {
    kind: 'internal',
    message: error instanceof Error ? error.message : String(error),
    engine: false,
    ...(typeof errno === 'string' ? { errno } : {}),
  };
}

/** The error again on the main thread: an FtpError where it was one, so reports read the same as without a lane. */
export function fromLaneError(error: LaneError): Error {
  if (error.engine) return new FtpError(error.kind as FtpErrorKind, error.message, error.phase ?? 'data', error.code);
  const rebuilt: NodeJS.ErrnoException = new Error(error.message);
  if (error.errno !== undefined) rebuilt.code = error.errno;
  return rebuilt;
}
