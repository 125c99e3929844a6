import { describe, expect, it } from 'vitest';
import { describeSessionError, sessionFailure } from '../../../renderer/src/remote/sessionErrors';
import { describeError } from '../../../renderer/src/files/errors';

describe('errors a person can act on', () => {
  const say = (kind: string, context = {}) => describeSessionError({ kind, message: 'engine detail' }, context);

  it('turns session failures into sentences', () => {
    expect(say('certificate-rejected')).toBe('Certificate rejected. The connection was closed before your password was sent.');
    expect(say('auth-failed')).toBe('Login incorrect. Check the user name and password.');
    expect(say('session-not-resumed')).toBe('The server requires TLS session reuse and the data connection could not resume it.');
    expect(say('connection-failed', { host: 'ftp.example.com', port: 21 })).toBe(
      'Could not connect to ftp.example.com:21. Check the host name and port, and that the server is running.',
    );
    expect(say('timeout', { host: 'ftp.example.com', port: 21 })).toBe('The server ftp.example.com:21 did not answer in time.');
    expect(say('timeout')).toBe('The server did not answer in time.');
    expect(say('tls-required')).toBe('The server does not support TLS; your site requires it.');
  });

  it('falls back to the engine message for kinds it does not know', () => {
    expect(say('something-new')).toBe('engine detail');
  });

  it('describes a failed state only', () => {
    expect(sessionFailure({ status: 'connected' })).toBeNull();
    expect(sessionFailure({ status: 'failed', host: 'h', port: 990, error: { kind: 'connection-failed', message: 'ECONNREFUSED' } })).toMatch(/^Could not connect to h:990/);
  });

  it('keeps the local pane wording and adds the session kinds to it', () => {
    expect(describeError({ kind: 'not-found', message: 'x' })).toBe('Folder not found');
    expect(describeError({ kind: 'wrong-master-password', message: 'x' })).toBe('Wrong master password.');
  });
});
