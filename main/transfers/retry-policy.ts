import { FtpError } from '../ftp/errors';
import { isConnectionLevel } from '../pool/connection-errors';

/** How failed transfers are tried again. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 5). */
  readonly maxAttempts: number;
  /** Wait before the second try; doubled for each later one (default 1 s). */
  readonly baseDelayMs: number;
  /** Longest wait between two tries (default 60 s). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

// 450/451: the server could not act for now (file busy, local error); 421/425/426 say the connection failed.
const TRANSIENT_CODES = new Set([421, 425, 426, 450, 451]);

/**
 * True when trying again may work: the connection broke (421/425/426, timeouts, resets,
 * closed sessions), the server was busy (450/451), or the size check failed after a broken
 * transfer. A refusal (550, 553, login, certificate) or a local error would fail again.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof FtpError) {
    if (error.kind === 'cancelled') return false;
    if (error.code !== undefined && TRANSIENT_CODES.has(error.code)) return true;
    if (error.kind === 'verify-failed') return true;
  }
  return isConnectionLevel(error);
}

/** The wait before try number `attempt + 1`, after `attempt` tries failed: 1 s, 2 s, 4 s … capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** What to do after a failed try: wait and try again, or give up. */
export function afterFailure(error: unknown, attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): { retryInMs: number } | 'give-up' {
  if (!isTransient(error) || attempts >= policy.maxAttempts) return 'give-up';
  return { retryInMs: backoffDelay(attempts, policy) };
}
