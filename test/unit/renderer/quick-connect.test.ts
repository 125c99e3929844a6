import { describe, expect, it } from 'vitest';
import { emptyQuickConnect, parseQuickConnectUrl, quickConnectProblem, toConnectTarget } from '../../../renderer/src/connect/quickConnect';

describe('quick connect', () => {
  it('reads a pasted URL into the fields, scheme choosing the TLS mode', () => {
    expect(parseQuickConnectUrl('ftpes://alice@ftp.example.com:2121')).toEqual({ tlsMode: 'explicit', host: 'ftp.example.com', port: '2121', user: 'alice' });
    expect(parseQuickConnectUrl('ftps://cam.local')).toEqual({ tlsMode: 'implicit', host: 'cam.local', port: '' });
    expect(parseQuickConnectUrl(' FTP://bob:p%40ss@[::1]:21/pub/ ')).toEqual({ tlsMode: 'explicit-if-available', host: '::1', port: '21', user: 'bob', password: 'p@ss' });
  });

  it('leaves plain host names alone', () => {
    expect(parseQuickConnectUrl('ftp.example.com')).toBeNull();
    expect(parseQuickConnectUrl('sftp://host')).toBeNull();
    expect(parseQuickConnectUrl('ftpes://')).toBeNull();
  });

  it('checks the fields before connecting', () => {
    expect(quickConnectProblem(emptyQuickConnect)).toBe('Enter a host to connect to.');
    expect(quickConnectProblem({ ...emptyQuickConnect, host: 'a b' })).toMatch(/spaces/);
    expect(quickConnectProblem({ ...emptyQuickConnect, host: 'h', port: '70000' })).toMatch(/1 to 65535/);
    expect(quickConnectProblem({ ...emptyQuickConnect, host: 'h', port: '990' })).toBeNull();
  });

  it('builds the target: anonymous when no user, no password when none was typed', () => {
    expect(toConnectTarget({ ...emptyQuickConnect, host: ' h ' })).toEqual({ kind: 'quick', host: 'h', user: 'anonymous', tlsMode: 'explicit' });
    expect(toConnectTarget({ host: 'h', user: 'u', password: 'p', port: '21', tlsMode: 'plain' })).toEqual({
      kind: 'quick',
      host: 'h',
      port: 21,
      user: 'u',
      password: 'p',
      tlsMode: 'plain',
    });
  });
});
