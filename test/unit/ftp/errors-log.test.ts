import { describe, expect, it } from 'vitest';
import { toWireError } from '../../../shared/errors';
import { assertSafeCommand } from '../../../main/ftp/command-line';
import { FtpError } from '../../../main/ftp/errors';
import { loggableCommand, ProtocolLog, type LogEntry } from '../../../main/ftp/log';

describe('FtpError', () => {
  it('crosses a boundary as { kind, message, code, phase } and nothing else', () => {
    const error = new FtpError('auth-failed', 'Login refused', 'auth', 530);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ kind: 'auth-failed', message: 'Login refused', code: 530, phase: 'auth' });
    expect(toWireError(error)).toEqual({ kind: 'auth-failed', message: 'Login refused', code: 530, phase: 'auth' });
    expect(error).toBeInstanceOf(Error);
  });
});

describe('assertSafeCommand (rule 15)', () => {
  it('refuses CR, LF and NUL in arguments and odd command words', () => {
    for (const arg of ['a\rb', 'a\nb', 'a\0b', 'x\r\nDELE y']) {
      expect(() => assertSafeCommand('CWD', arg, 'command')).toThrow(expect.objectContaining({ kind: 'injection' }));
    }
    expect(() => assertSafeCommand('CW D', undefined, 'command')).toThrow(FtpError);
    expect(() => assertSafeCommand('', undefined, 'command')).toThrow(FtpError);
    expect(() => assertSafeCommand('CWD', 'a b/ü', 'command')).not.toThrow();
  });
});

describe('protocol log', () => {
  it('masks the arguments of PASS and ACCT, whatever their case', () => {
    expect(loggableCommand('PASS', 'hunter2')).toBe('PASS ****');
    expect(loggableCommand('pass', 'hunter2')).toBe('pass ****');
    expect(loggableCommand('ACCT', 'acct-secret')).toBe('ACCT ****');
    expect(loggableCommand('USER', 'bob')).toBe('USER bob');
  });

  it('survives a throwing listener and stamps each line', () => {
    const log = new ProtocolLog();
    const seen: LogEntry[] = [];
    log.on(() => {
      throw new Error('broken view');
    });
    const off = log.on((entry) => seen.push(entry));
    log.write('info', 'hello');
    off();
    log.write('info', 'unseen');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ direction: 'info', text: 'hello' });
    expect(typeof seen[0]?.time).toBe('number');
  });
});
