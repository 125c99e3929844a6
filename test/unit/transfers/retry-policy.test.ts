import { describe, expect, it } from 'vitest';
import { FtpError } from '../../../main/ftp/errors';
import { afterFailure, backoffDelay, isTransient } from '../../../main/transfers/retry-policy';

const reply = (code: number) => new FtpError('command-failed', `${code} something`, 'command', code);

describe('retry policy', () => {
  it('retries connection failures, busy servers and broken transfers', () => {
    for (const code of [421, 425, 426, 450, 451]) expect(isTransient(reply(code)), String(code)).toBe(true);
    expect(isTransient(new FtpError('timeout', 'slow', 'data'))).toBe(true);
    expect(isTransient(new FtpError('connection-closed', 'gone', 'data'))).toBe(true);
    expect(isTransient(new FtpError('closed', 'gone', 'command'))).toBe(true);
    expect(isTransient(new FtpError('verify-failed', 'short', 'data'))).toBe(true);
    expect(isTransient(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransient(new FtpError('protocol', 'reset', 'data', undefined, Object.assign(new Error('x'), { code: 'EPIPE' })))).toBe(true);
  });

  it('fails refusals, login, certificate, local and cancelled errors at once', () => {
    for (const code of [550, 553, 530, 552]) expect(isTransient(reply(code)), String(code)).toBe(false);
    expect(isTransient(new FtpError('auth-failed', 'no', 'auth', 530))).toBe(false);
    expect(isTransient(new FtpError('certificate-rejected', 'no', 'tls'))).toBe(false);
    expect(isTransient(new FtpError('unsafe-local-path', 'link', 'data'))).toBe(false);
    expect(isTransient(new FtpError('cancelled', 'stop', 'data'))).toBe(false);
    expect(isTransient(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toBe(false);
  });

  it('backs off exponentially, capped, and gives up after the last try', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(afterFailure(reply(421), 1, policy)).toEqual({ retryInMs: 1_000 });
    expect(afterFailure(reply(421), 4, policy)).toEqual({ retryInMs: 5_000 });
    expect(afterFailure(reply(421), 5, policy)).toBe('give-up');
    expect(afterFailure(reply(550), 1, policy)).toBe('give-up');
  });
});
