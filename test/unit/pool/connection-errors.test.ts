import { describe, expect, it } from 'vitest';
import { FtpError } from '../../../main/ftp/errors';
import { isConnectionLevel } from '../../../main/pool/connection-errors';

describe('isConnectionLevel', () => {
  it.each([
    ['421 service closing', new FtpError('command-failed', '421', 'command', 421)],
    ['425 no data connection', new FtpError('command-failed', '425', 'data', 425)],
    ['426 transfer aborted', new FtpError('command-failed', '426', 'data', 426)],
    ['a timeout', new FtpError('timeout', 'slow', 'command')],
    ['a closed control connection', new FtpError('connection-closed', 'gone', 'command')],
    ['a closed session', new FtpError('closed', 'gone', 'command')],
    ['a reset wrapped by the engine', new FtpError('protocol', 'reset', 'data', undefined, Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))],
    ['a bare socket error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
  ])('retries after %s', (_name, error) => {
    expect(isConnectionLevel(error)).toBe(true);
  });

  it.each([
    ['550 no such file', new FtpError('command-failed', '550', 'command', 550)],
    ['530 not logged in', new FtpError('auth-failed', '530', 'auth', 530)],
    ['a rejected certificate', new FtpError('certificate-rejected', 'no', 'tls')],
    ['a size mismatch', new FtpError('verify-failed', 'short', 'data')],
    ['a cancel', new FtpError('cancelled', 'stop', 'data')],
    ['an unsafe local path', new FtpError('unsafe-local-path', 'link', 'data')],
    ['a plain error', new Error('bug')],
  ])('does not retry after %s', (_name, error) => {
    expect(isConnectionLevel(error)).toBe(false);
  });
});
