import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Script } from '../support/fault-server/index';
import { failure, useHarness } from './fixtures';

const harness = useHarness();


describe('explicit FTPS (rules 1, 2, 10)', () => {
  it('sends only AUTH TLS in clear; everything after goes over TLS and is verified first', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    await client.pwd();
    expect(server.commands.map((command) => `${command.secure ? 'tls' : 'clear'} ${command.verb}`)).toEqual([
      'clear AUTH', 'tls PBSZ', 'tls PROT', 'tls USER', 'tls PASS', 'tls FEAT', 'tls OPTS', 'tls PWD',
    ]);
    const [check] = harness.checks;
    expect(check?.nodeVerdict).toEqual({ authorized: true });
    expect(check?.chain).toHaveLength(2);
    expect(check?.host).toBe('127.0.0.1');
    expect(check?.port).toBe(server.port);
    expect(check?.tlsVersion).toBe('TLSv1.3');
    expect(client.peerCertificate()).toEqual(new X509Certificate(harness.certs().serverCert).raw);
    expect(client.latestSession()).toBeInstanceOf(Buffer);
    expect(client.tlsInfo()).toMatchObject({ version: 'TLSv1.3', dataProtection: 'P' });
  });

  it('ends the session before USER when AUTH TLS is refused (no AUTH SSL for other codes)', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': '534 Policy forbids TLS' } });
    const { client } = harness.client();
    const error = await failure(client.connect(harness.options(server)));
    expect(error).toMatchObject({ kind: 'tls-required', phase: 'tls', code: 534 });
    expect(server.verbs()).toEqual(['AUTH']);
  });

  it('falls back to AUTH SSL when the server does not know AUTH TLS (500/502/504)', async () => {
    for (const code of [500, 502, 504]) {
      const server = await harness.server({ script: { 'AUTH TLS': `${code} Unknown` } });
      const { client } = harness.client();
      await client.connect(harness.options(server));
      expect(server.commands.slice(0, 3).map((command) => command.line)).toEqual(['AUTH TLS', 'AUTH SSL', 'PBSZ 0']);
      expect(server.commands.find((command) => command.verb === 'USER')?.secure).toBe(true);
    }
  });

  it('sends no USER when AUTH SSL is refused too', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': '502 no', 'AUTH SSL': '502 no' } });
    const { client } = harness.client();
    expect(await failure(client.connect(harness.options(server)))).toMatchObject({ kind: 'tls-required', code: 502 });
    expect(server.verbs()).toEqual(['AUTH', 'AUTH']);
  });

  it('does not skip TLS after a 230 greeting (curl CVE-2021-22946)', async () => {
    const server = await harness.server({ greeting: '230 Already logged in' });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(server.verbs().slice(0, 4)).toEqual(['AUTH', 'PBSZ', 'PROT', 'USER']);
    expect(server.commands.find((command) => command.verb === 'USER')?.secure).toBe(true);

    const refusing = await harness.server({ greeting: '230 Already logged in', script: { 'AUTH TLS': '534 no' } });
    expect((await failure(harness.client().client.connect(harness.options(refusing)))).kind).toBe('tls-required');
    expect(refusing.verbs()).toEqual(['AUTH']);
  });

  it('ends the session before USER when PBSZ or PROT P is refused', async () => {
    const scripts: Script[] = [{ PBSZ: '503 Bad sequence' }, { PROT: '534 Protection level refused' }];
    for (const script of scripts) {
      const server = await harness.server({ script });
      const error = await failure(harness.client().client.connect(harness.options(server)));
      expect(error).toMatchObject({ kind: 'tls-required', phase: 'tls' });
      expect(server.verbs()).not.toContain('USER');
    }
  });

  it('sends PROT C when the policy asks for clear data', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server, { policy: { mode: 'explicit', dataProtection: 'C', extraCa: [harness.certs().caCert] } }));
    expect(server.commands.map((command) => command.line)).toContain('PROT C');
    expect(client.tlsInfo()?.dataProtection).toBe('C');
  });

  it('ends the session when the TLS handshake fails, and sends no USER', async () => {
    const server = await harness.server({ tls: { key: harness.certs().serverKey, cert: harness.certs().serverCert, maxVersion: 'TLSv1.2' } });
    const { client } = harness.client();
    const options = harness.options(server, { policy: { mode: 'explicit', minVersion: 'TLSv1.3', extraCa: [harness.certs().caCert] } });
    expect((await failure(client.connect(options))).kind).toBe('tls-handshake');
    expect(server.verbs()).toEqual(['AUTH']);
  });

  it('negotiates TLS 1.2 when that is what the server has, and keeps its session', async () => {
    const server = await harness.server({ tls: { key: harness.certs().serverKey, cert: harness.certs().serverCert, maxVersion: 'TLSv1.2' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(client.tlsInfo()?.version).toBe('TLSv1.2');
    expect(client.latestSession()?.length).toBeGreaterThan(0);
  });
});

describe('reply injection after 234 (rule 3, curl CVE-2021-22947)', () => {
  it('ends the session when bytes follow the 234 line in the same packet', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': { reply: '234 Go ahead', then: 'upgrade', inject: '230 Logged in (injected)\r\n' } } });
    const { client, log } = harness.client();
    const error = await failure(client.connect(harness.options(server)));
    expect(error).toMatchObject({ kind: 'protocol', phase: 'tls' });
    expect(server.verbs()).toEqual(['AUTH']);
    expect(log.some((entry) => entry.direction === 'received' && entry.text.includes('injected'))).toBe(false);
  });

  it('ends the session when a partial line follows the 234 line', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': { reply: '234 Go ahead', then: 'upgrade', inject: '2' } } });
    expect((await failure(harness.client().client.connect(harness.options(server)))).kind).toBe('protocol');
    expect(server.verbs()).toEqual(['AUTH']);
  });

  it('ends the session when clear-text bytes arrive during the handshake', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': { reply: '234 Go ahead', injectLater: { bytes: '230 Logged in\r\n', delayMs: 20 } } } });
    const error = await failure(harness.client().client.connect(harness.options(server)));
    expect(['tls-handshake', 'protocol']).toContain(error.kind);
    // This server never started TLS, so it may read the ClientHello as lines (it can hold LF
    // bytes); what matters is that nothing after AUTH was an FTP command, credentials least of all.
    const [auth, ...after] = server.commands;
    expect(auth?.verb).toBe('AUTH');
    expect(after.map((command) => command.line).join('\n')).not.toMatch(/USER|PASS|PBSZ|PROT|FEAT/);
  });
});

describe('explicit-if-available and plain (rule 1)', () => {
  it('asks before going on in clear and stops when the answer is no', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': '534 no', 'AUTH SSL': '534 no' } });
    const questions: number[] = [];
    const options = harness.options(server, {
      policy: { mode: 'explicit-if-available' },
      askInsecure: (question) => {
        questions.push(question.reply.code);
        return false;
      },
    });
    expect((await failure(harness.client().client.connect(options))).kind).toBe('tls-required');
    expect(questions).toEqual([534]);
    expect(server.verbs()).toEqual(['AUTH']);
  });

  it('goes on in clear only when the user says yes', async () => {
    const server = await harness.server({ tls: undefined });
    const { client, log } = harness.client();
    await client.connect(harness.options(server, { policy: { mode: 'explicit-if-available' }, askInsecure: async () => true }));
    expect(server.commands.slice(0, 4).map((command) => command.line)).toEqual(['AUTH TLS', 'AUTH SSL', 'USER bob', 'PASS secret-password']);
    expect(server.commands.every((command) => !command.secure)).toBe(true);
    expect(log.some((entry) => entry.text.includes('clear text as the user allowed'))).toBe(true);
  });

  it('treats a missing or throwing question as no', async () => {
    for (const askInsecure of [undefined, () => Promise.reject(new Error('dialog crashed'))]) {
      const server = await harness.server({ tls: undefined });
      const overrides = askInsecure === undefined ? { policy: { mode: 'explicit-if-available' as const } } : { policy: { mode: 'explicit-if-available' as const }, askInsecure };
      expect((await failure(harness.client().client.connect(harness.options(server, overrides)))).kind).toBe('tls-required');
      expect(server.verbs()).not.toContain('USER');
    }
  });

  it('plain mode sends no AUTH and warns in the log', async () => {
    const server = await harness.server({ tls: undefined });
    const { client, log } = harness.client();
    await client.connect(harness.options(server, { policy: { mode: 'plain' } }));
    expect(server.verbs().slice(0, 2)).toEqual(['USER', 'PASS']);
    expect(log.some((entry) => entry.direction === 'info' && entry.text.includes('unencrypted'))).toBe(true);
  });
});

describe('implicit FTPS', () => {
  it('speaks TLS from the first byte, verifies before the greeting, and still sends PBSZ/PROT', async () => {
    const server = await harness.server({ implicit: true });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(client.greeting?.code).toBe(220);
    expect(server.verbs().slice(0, 4)).toEqual(['PBSZ', 'PROT', 'USER', 'PASS']);
    expect(server.commands.every((command) => command.secure)).toBe(true);
    expect(harness.checks).toHaveLength(1);
  });

  it('tolerates a refused PBSZ/PROT (MS-FTPS assumes them done)', async () => {
    const server = await harness.server({ implicit: true, script: { PBSZ: '502 Not needed', PROT: '502 Not needed' } });
    const { client, log } = harness.client();
    await client.connect(harness.options(server));
    expect(server.verbs()).toContain('USER');
    expect(log.filter((entry) => entry.text.includes('implicit FTPS assumes it done'))).toHaveLength(2);
  });
});

describe('certificates (rules 7, 8, 11)', () => {
  it('sends nothing more when the callback rejects the certificate', async () => {
    const server = await harness.server();
    const error = await failure(harness.client().client.connect(harness.options(server, { verifyServer: async () => 'reject' as const })));
    expect(error).toMatchObject({ kind: 'certificate-rejected', phase: 'tls' });
    expect(server.verbs()).toEqual(['AUTH']);
  });

  it('waits for a slow answer before sending anything', async () => {
    const server = await harness.server();
    let answered = false;
    const verifyServer = async (): Promise<'trust'> => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.verbs()).toEqual(['AUTH']);
      answered = true;
      return 'trust';
    };
    await harness.client().client.connect(harness.options(server, { verifyServer }));
    expect(answered).toBe(true);
  });

  it("gives Node's verdict on an unknown CA and rejects by default", async () => {
    const server = await harness.server();
    const untrusted = harness.options(server, { policy: { mode: 'explicit' } });
    expect((await failure(harness.client().client.connect(untrusted))).kind).toBe('certificate-rejected');
    expect(harness.checks[0]?.nodeVerdict.authorized).toBe(false);
    expect(harness.checks[0]?.nodeVerdict.error).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
    const { verifyServer: _drop, ...noCallback } = untrusted;
    const second = await harness.server();
    expect((await failure(harness.client().client.connect({ ...noCallback, port: second.port }))).kind).toBe('certificate-rejected');
    expect(second.verbs()).toEqual(['AUTH']);
  });

  it('goes on when the user trusts an unknown certificate', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server, { policy: { mode: 'explicit' }, verifyServer: () => 'trust' }));
    expect(server.verbs()).toContain('USER');
  });

  for (const format of ['pem', 'pkcs12'] as const) {
    it(`logs in with a ${format} client certificate: USER answered 232, no PASS`, async () => {
      const certs = harness.certs();
      const server = await harness.server({
        tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.caCert, requestCert: true },
        script: { USER: (_arg, session) => (session.clientCertificate?.subject.CN === 'sluice-client' ? '232 Logged in by certificate' : '331 Password') },
      });
      const clientCertificate = format === 'pem'
        ? { format, cert: certs.clientCert, key: certs.clientKey }
        : { format, pfx: certs.clientPfx, passphrase: certs.pfxPassphrase };
      const { client } = harness.client();
      const reply = await client.connect(harness.options(server, { password: undefined, policy: { mode: 'explicit', extraCa: [certs.caCert], clientCertificate } }));
      expect(reply.code).toBe(232);
      expect(server.verbs()).not.toContain('PASS');
    });
  }

  it('fails with a typed error on a wrong PKCS#12 passphrase, before any command', async () => {
    const certs = harness.certs();
    const server = await harness.server();
    const clientCertificate = { format: 'pkcs12' as const, pfx: certs.clientPfx, passphrase: 'wrong' };
    const error = await failure(harness.client().client.connect(harness.options(server, { policy: { mode: 'explicit', clientCertificate } })));
    expect(error.kind).toBe('tls-handshake');
    expect(server.verbs()).toEqual(['AUTH']);
  });
});

describe('login', () => {
  it('sends ACCT when the server answers 332, masked in the log', async () => {
    const server = await harness.server({ script: { PASS: '332 Need account for login' } });
    const { client, log } = harness.client();
    await client.connect(harness.options(server, { account: 'acct-secret' }));
    expect(server.commands.map((command) => command.line)).toContain('ACCT acct-secret');
    const sent = log.filter((entry) => entry.direction === 'sent').map((entry) => entry.text);
    expect(sent).toContain('ACCT ****');
    expect(sent).toContain('PASS ****');
    expect(JSON.stringify(log)).not.toMatch(/acct-secret|secret-password/);
  });

  it('fails with auth-failed when an account is asked and none is set, or the password is wrong', async () => {
    const server = await harness.server({ script: { PASS: '332 Need account' } });
    expect(await failure(harness.client().client.connect(harness.options(server)))).toMatchObject({ kind: 'auth-failed', code: 332, phase: 'auth' });
    const wrong = await harness.server({ script: { PASS: '530 Login incorrect' } });
    expect(await failure(harness.client().client.connect(harness.options(wrong)))).toMatchObject({ kind: 'auth-failed', code: 530 });
  });
});

describe('CCC and REIN (rules 4, 5, 6)', () => {
  it('CCC after login: the control connection goes clear, no PBSZ/PROT after it, data stays protected', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    const base = harness.options(server);
    await client.connect({ ...base, policy: { ...base.policy, mode: 'explicit', clearCommandChannel: true } });
    await client.pwd();
    const lines = server.commands.map((command) => `${command.secure ? 'tls' : 'clear'} ${command.verb}`);
    expect(lines.indexOf('tls CCC')).toBeGreaterThan(lines.indexOf('tls PASS'));
    expect(lines.at(-1)).toBe('clear PWD');
    expect(lines.slice(lines.indexOf('tls CCC')).filter((line) => /PBSZ|PROT/.test(line))).toEqual([]);
    expect(client.controlProtected).toBe(false);
    expect(client.tlsInfo()?.dataProtection).toBe('P');
    expect(client.latestSession()).toBeInstanceOf(Buffer);
  });

  it('CCC with servers that shut TLS down their own way (proftpd: before its reply; pure-ftpd: never answers)', async () => {
    const styles: Script[] = [{ CCC: { before: 'downgrade', reply: '200 Clearing control channel' } }, { CCC: { reply: '200 CCC OK', then: 'downgrade-mute' } }];
    for (const script of styles) {
      const server = await harness.server({ script });
      const { client } = harness.client();
      const base = harness.options(server);
      await client.connect({ ...base, policy: { ...base.policy, mode: 'explicit', clearCommandChannel: true } });
      expect(await client.pwd()).toBe('/');
      expect(client.controlProtected).toBe(false);
      expect(server.commands.at(-1)).toMatchObject({ verb: 'PWD', secure: false });
    }
  });

  it('keeps TLS when the server refuses CCC', async () => {
    const server = await harness.server({ script: { CCC: '534 CCC not allowed' } });
    const { client } = harness.client();
    const base = harness.options(server);
    await client.connect({ ...base, policy: { ...base.policy, mode: 'explicit', clearCommandChannel: true } });
    await client.noop();
    expect(client.controlProtected).toBe(true);
    expect(server.commands.at(-1)?.secure).toBe(true);
  });

  it('REIN drops TLS and login; the session is negotiated again and TYPE and CWD are restored', async () => {
    const server = await harness.server({ script: { PWD: '257 "/pub/in" is current' } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { tlsShutdown: true }));
    await client.type('I');
    const before = server.commands.length;
    await client.reinitialize();
    const after = server.commands.slice(before).map((command) => `${command.secure ? 'tls' : 'clear'} ${command.line}`);
    expect(after).toEqual([
      'tls PWD', 'tls REIN', 'clear AUTH TLS', 'tls PBSZ 0', 'tls PROT P', 'tls USER bob', 'tls PASS secret-password',
      'tls FEAT', 'tls OPTS UTF8 ON', 'tls TYPE I', 'tls CWD /pub/in',
    ]);
    expect(harness.checks).toHaveLength(2);
    expect(client.controlProtected).toBe(true);
  });

  it('sends no keepalive NOOP between REIN and the new TLS session, nor before the certificate is trusted', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    let handshakes = 0;
    const verifyServer = async (): Promise<'trust'> => {
      handshakes += 1;
      if (handshakes === 2) await new Promise((resolve) => setTimeout(resolve, 250));
      return 'trust';
    };
    await client.connect(harness.options(server, { keepaliveMs: 40, verifyServer, tlsShutdown: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = server.commands.length;
    await client.reinitialize();
    const after = server.commands.slice(before).map((command) => command.verb);
    // A NOOP already on its way before REIN may land first; from REIN to USER nothing but the
    // negotiation may pass, however slow the machine.
    expect(after.slice(after.indexOf('REIN'), after.indexOf('USER') + 1)).toEqual(['REIN', 'AUTH', 'PBSZ', 'PROT', 'USER']);
    expect(server.verbs().slice(0, before)).toContain('NOOP');
  });

  it('REIN in implicit FTPS starts TLS again at once', async () => {
    const server = await harness.server({ implicit: true });
    const { client } = harness.client();
    await client.connect(harness.options(server, { tlsShutdown: true }));
    const before = server.commands.length;
    await client.reinitialize();
    await client.noop();
    expect(server.commands.slice(before).map((command) => `${command.secure ? 'tls' : 'clear'} ${command.verb}`)).toEqual([
      'tls PWD', 'tls REIN', 'tls PBSZ', 'tls PROT', 'tls USER', 'tls PASS', 'tls FEAT', 'tls OPTS', 'tls CWD', 'tls NOOP',
    ]);
  });

  it('REIN on a session whose TLS runs natively is refused before anything is sent', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const before = server.commands.length;
    expect(await failure(client.reinitialize())).toMatchObject({ kind: 'invalid-argument', phase: 'tls' });
    await client.noop();
    expect(server.verbs().slice(before)).toEqual(['PWD', 'NOOP']);
    expect(client.controlProtected).toBe(true);
  });

  it('a refused REIN changes nothing', async () => {
    const server = await harness.server({ script: { REIN: '502 REIN not implemented' } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { tlsShutdown: true }));
    expect(await failure(client.reinitialize())).toMatchObject({ kind: 'command-failed', code: 502 });
    await client.noop();
    expect(client.controlProtected).toBe(true);
  });
});
