import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { probe } from '../../main/ftp/probe';
import { failure, useHarness } from './fixtures';

const harness = useHarness();


describe('control-channel operations', () => {
  it('sends each operation as its command and reads its reply', async () => {
    const server = await harness.server({ script: { PWD: '257 "/home/a ""b""" is current', MKD: '257 "/home/new dir" created' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const before = server.commands.length;
    expect(await client.pwd()).toBe('/home/a "b"');
    await client.cwd('/pub');
    await client.cdup();
    expect(await client.mkdir('new dir')).toBe('/home/new dir');
    await client.rmdir('old');
    await client.delete('file.txt');
    await client.rename('from.txt', 'to.txt');
    await client.chmod('run.sh', '755');
    expect(await client.size('file.bin')).toBe(1234);
    expect((await client.mdtm('file.bin')).toISOString()).toBe('2024-02-29T23:59:58.000Z');
    await client.mfmt('file.bin', new Date(Date.UTC(2020, 0, 2, 3, 4, 5)));
    expect((await client.stat('x')).code).toBe(211);
    expect(await client.syst()).toBe('UNIX Type: L8');
    expect(await client.help()).toBe('Help OK');
    await client.noop();
    await client.type('I');
    expect((await client.raw('SITE IDLE 60')).code).toBe(200);
    expect((await client.raw('XYZZY')).code).toBe(502);
    await client.quit();
    expect(server.commands.slice(before).map((command) => command.line)).toEqual([
      'PWD', 'CWD /pub', 'CDUP', 'MKD new dir', 'RMD old', 'DELE file.txt', 'RNFR from.txt', 'RNTO to.txt',
      'SITE CHMOD 755 run.sh', 'SIZE file.bin', 'MDTM file.bin', 'MFMT 20200102030405 file.bin', 'STAT x', 'SYST', 'HELP',
      'NOOP', 'TYPE I', 'SITE IDLE 60', 'XYZZY', 'QUIT',
    ]);
    expect(await failure(client.noop())).toMatchObject({ kind: 'closed' });
  });

  it('reports refusals as command-failed with the code, and stops a rename at RNFR', async () => {
    const server = await harness.server({ script: { RNFR: '550 No such file', SIZE: '550 Not a plain file', MDTM: '213 garbage' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(await failure(client.rename('a', 'b'))).toMatchObject({ kind: 'command-failed', code: 550, phase: 'command' });
    expect(server.verbs()).not.toContain('RNTO');
    expect(await failure(client.size('d'))).toMatchObject({ kind: 'command-failed', code: 550 });
    expect(await failure(client.mdtm('f'))).toMatchObject({ kind: 'protocol', code: 213 });
    expect(await failure(client.chmod('f', 'rwx'))).toMatchObject({ kind: 'invalid-argument' });
  });

  it('refuses raw commands that would change TLS or need a data connection', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const before = server.commands.length;
    for (const line of ['AUTH TLS', 'ccc', 'PROT C', 'REIN', 'PASV', 'RETR x']) {
      expect(await failure(client.raw(line))).toMatchObject({ kind: 'invalid-argument' });
    }
    expect(server.commands.length).toBe(before);
  });

  it('refuses a bad address before connecting', async () => {
    const { client } = harness.client();
    for (const host of ['', 'evil host', 'a\r\nb']) {
      expect(await failure(client.connect({ host, user: 'u' }))).toMatchObject({ kind: 'invalid-argument', phase: 'connect' });
    }
    expect(await failure(client.connect({ host: '127.0.0.1', port: 70_000, user: 'u' }))).toMatchObject({ kind: 'invalid-argument' });
  });
});

describe('FEAT and charsets', () => {
  it('sends OPTS UTF8 ON when UTF8 is offered, and UTF-8 paths', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    await client.cwd('日本/Ünï');
    expect(server.commands.map((command) => command.line)).toContain('OPTS UTF8 ON');
    expect(server.commands.at(-1)?.bytes).toEqual(Buffer.from('CWD 日本/Ünï', 'utf8'));
    expect(client.features.get('MLST')).toBe('type*;size*;modify*;');
  });

  it('sends no OPTS UTF8 when the server does not offer it', async () => {
    const server = await harness.server({ script: { FEAT: '211-Features:\n MDTM\n211 End' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(server.verbs()).not.toContain('OPTS');
    expect(client.features.has('MDTM')).toBe(true);
  });

  it('uses a site charset both ways when one is set', async () => {
    const pwd = Buffer.concat([Buffer.from('257 "/'), Buffer.of(0x82, 0xa0), Buffer.from('" is current\r\n')]);
    const server = await harness.server({ script: { PWD: { raw: pwd } } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { charset: 'shift_jis' }));
    expect(server.verbs()).not.toContain('OPTS');
    await client.cwd('日本');
    expect(server.commands.at(-1)?.bytes).toEqual(Buffer.concat([Buffer.from('CWD '), Buffer.of(0x93, 0xfa, 0x96, 0x7b)]));
    expect(await client.pwd()).toBe('/あ');
    expect(await failure(client.cwd('한국'))).toMatchObject({ kind: 'invalid-argument' });
  });

  it('encodes Windows-1252 names byte for byte', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server, { charset: 'cp1252' }));
    await client.delete('€uro.txt');
    expect(server.commands.at(-1)?.bytes).toEqual(Buffer.concat([Buffer.from('DELE '), Buffer.of(0x80), Buffer.from('uro.txt')]));
  });
});

describe('probe', () => {
  it('reports greeting, TLS, certificate, FEAT and every negotiation step', async () => {
    const server = await harness.server();
    const report = await probe({
      host: '127.0.0.1',
      port: server.port,
      user: 'bob',
      password: 'secret-password',
      policy: { mode: 'explicit', extraCa: [harness.certs().caCert] },
      tryProtC: true,
      tryCcc: true,
    });
    expect(report.error).toBeUndefined();
    expect(report.greeting).toEqual({ code: 220, text: 'Sluice fault server ready' });
    expect(report.tls?.version).toBe('TLSv1.3');
    const x509 = new X509Certificate(harness.certs().serverCert);
    expect(report.certificate).toMatchObject({ sha256: x509.fingerprint256, subject: 'CN=localhost', issuer: 'CN=Sluice Test CA', chainLength: 2, nodeVerdict: { authorized: true } });
    expect(report.features).toContain('UTF8');
    expect(report.steps.map((step) => [step.command, step.ok])).toEqual([
      ['AUTH TLS', true], ['PBSZ 0', true], ['PROT P', true], ['OPTS UTF8 ON', true], ['PROT C', true], ['CCC', true],
    ]);
    expect(report.loggedIn).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('records the AUTH SSL fallback and stops before USER when TLS is refused', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': '502 no', 'AUTH SSL': '502 no' } });
    const report = await probe({ host: '127.0.0.1', port: server.port, user: 'bob', password: 'pw', policy: { mode: 'explicit' } });
    expect(report.steps.map((step) => `${step.command} ${step.code}`)).toEqual(['AUTH TLS 502', 'AUTH SSL 502']);
    expect(report.error).toMatchObject({ kind: 'tls-required', phase: 'tls' });
    expect(server.verbs()).toEqual(['AUTH', 'AUTH']);
  });

  it('reports an untrusted certificate without going on', async () => {
    const server = await harness.server();
    const report = await probe({ host: '127.0.0.1', port: server.port, user: 'bob', policy: { mode: 'explicit' } });
    expect(report.error?.kind).toBe('certificate-rejected');
    expect(report.certificate?.nodeVerdict.authorized).toBe(false);
    expect(server.verbs()).toEqual(['AUTH']);
  });
});
