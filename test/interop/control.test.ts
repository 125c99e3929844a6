// Our FTPS engine's control connection against real Debian servers (test/support/servers).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { trustNodeVerdict } from '../../main/ftp/certificate';
import { connectTcp } from '../../main/ftp/connect';
import { ControlConnection } from '../../main/ftp/control';
import { login } from '../../main/ftp/login';
import { initialSecurityState, negotiateProtection, startTlsAndVerify } from '../../main/ftp/security';
import { CAPABILITIES, SERVER_KINDS } from '../support/servers/index';
import { interopConnectOptions, useInteropServers } from './interop-fixtures';

const servers = useInteropServers();
const start = servers.start;
const connected = servers.connect;
const optionsFor = interopConnectOptions;

describe.each(SERVER_KINDS)('%s', (kind) => {
  const caps = CAPABILITIES[kind];

  it.each(['1.2', '1.3'] as const)('explicit TLS %s: verified by CA, then folder and file operations round-trip', async (version) => {
    const server = await start(kind, { tlsVersion: version });
    await server.writeFile('hello.txt', 'hello, world\n');
    const client = await connected(server);
    expect(client.tlsInfo()?.version).toBe(`TLSv${version}`);
    // pure-ftpd issues no TLS 1.3 session tickets, so there is no session to keep there.
    const issuesTickets = !(kind === 'pure-ftpd' && version === '1.3');
    expect(client.latestSession() instanceof Buffer).toBe(issuesTickets);
    expect(client.peerCertificate()).toBeInstanceOf(Buffer);

    const home = await client.pwd();
    await client.mkdir('made-by-sluice');
    await client.cwd('made-by-sluice');
    expect(await client.pwd()).toMatch(/made-by-sluice$/);
    await client.cdup();
    expect(await client.pwd()).toBe(home);
    await client.type('I');
    expect(await client.size('hello.txt')).toBe(13);
    const modified = await client.mdtm('hello.txt');
    expect(Math.abs(modified.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    if (client.features.has('MFMT')) {
      await client.mfmt('hello.txt', new Date(Date.UTC(2001, 1, 3, 4, 5, 6)));
      expect((await client.mdtm('hello.txt')).toISOString()).toBe('2001-02-03T04:05:06.000Z');
    }
    await client.chmod('hello.txt', '640');
    await client.rename('hello.txt', 'renamed.txt');
    expect(await client.size('renamed.txt')).toBe(13);
    await client.delete('renamed.txt');
    await expect(client.size('renamed.txt')).rejects.toMatchObject({ kind: 'command-failed', code: 550 });
    await client.rmdir('made-by-sluice');
    expect((await client.syst()).length).toBeGreaterThan(0);
    await client.noop();
    await client.quit();
  });

  if (caps.implicit) {
    it('implicit TLS: logs in and works', async () => {
      const server = await start(kind, { tls: 'implicit' });
      const client = await connected(server);
      expect(client.controlProtected).toBe(true);
      expect(client.greeting?.code).toBe(220);
      await client.pwd();
    });
  }

  if (caps.authSsl) {
    it('AUTH SSL sent directly is accepted', async () => {
      const server = await start(kind);
      const control = new ControlConnection(await connectTcp(server.host, server.port, 5_000), { replyTimeoutMs: 10_000 });
      try {
        const context = {
          control,
          host: server.host,
          port: server.port,
          policy: { mode: 'explicit' as const, extraCa: [server.ca] },
          verifyServer: trustNodeVerdict,
          state: initialSecurityState(),
        };
        expect((await control.readGreeting()).code).toBe(220);
        expect((await control.send('AUTH', 'SSL', { phase: 'tls', detachOn: [234] })).code).toBe(234);
        await startTlsAndVerify(context);
        await negotiateProtection(context, false);
        expect((await login(control, { user: server.user, password: server.password })).code).toBe(230);
        expect((await control.send('PWD')).code).toBe(257);
      } finally {
        control.close();
      }
    });
  }

  if (caps.clientCert) {
    it('logs in with a client certificate when the server requires one', async () => {
      const server = await start(kind, { requireClientCert: true });
      const cert = await readFile(server.clientCertPath ?? '', 'utf8');
      const key = await readFile(server.clientKeyPath ?? '', 'utf8');
      const client = await connected(server, { policy: { mode: 'explicit', extraCa: [server.ca], clientCertificate: { format: 'pem', cert, key } } });
      await client.pwd();
      const without = servers.client();
      await expect(without.connect(optionsFor(server))).rejects.toMatchObject({ phase: expect.stringMatching(/tls|auth|connect/) });
    });
  }

  if (caps.ccc !== false) {
    it('CCC after login: the control connection goes on in clear', async () => {
      const server = await start(kind, { allowCcc: true });
      const client = await connected(server, { policy: { mode: 'explicit', extraCa: [server.ca], clearCommandChannel: true } });
      expect(client.controlProtected).toBe(false);
      expect(client.tlsInfo()?.dataProtection).toBe('P');
      await client.pwd();
      await client.noop();
    });
  }

  it('refuses an untrusted server before USER (no extra CA)', async () => {
    const server = await start(kind);
    const client = servers.client();
    await expect(client.connect(optionsFor(server, { policy: { mode: 'explicit' } }))).rejects.toMatchObject({ kind: 'certificate-rejected' });
  });
});
