// The FTPS server harness's own tests: every server really speaks FTPS, proved with curl
// as an independent client. Needs root and scripts/install-test-deps.sh.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CAPABILITIES, locateBinaries, SERVER_KINDS, startServer, UnsupportedOptionError,
  type RunningServer, type ServerKind, type ServerOptions,
} from '../support/servers/index';

interface CurlResult { code: number | null; stdout: string; stderr: string }

/** Runs curl against `server` (URL path `urlPath`); never throws, the exit code is the verdict. */
function curl(server: RunningServer, urlPath: string, args: string[] = [], opts: { clientCert?: boolean } = {}): Promise<CurlResult> {
  const base = ['-sS', '-v', '--max-time', '20', '--cacert', server.caPath, '-u', `${server.user}:${server.password}`];
  // Explicit TLS: --ssl-reqd (AUTH, PROT P) unless the test asks for clear data with --ftp-ssl-control.
  if (server.tls === 'explicit' && !args.includes('--ftp-ssl-control')) base.push('--ssl-reqd');
  if (opts.clientCert !== false && server.clientCertPath) base.push('--cert', server.clientCertPath, '--key', server.clientKeyPath!);
  return new Promise((resolve) => {
    const child = spawn('curl', [...base, ...args, server.url + urlPath]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** curl's verdict with its trace and the server's logs, for readable failures. */
async function explain(server: RunningServer, r: CurlResult): Promise<string> {
  return `curl exit ${r.code}\n${r.stderr}\n${await server.readLogs()}`;
}

async function expectOk(server: RunningServer, r: CurlResult): Promise<void> {
  if (r.code !== 0) expect.fail(await explain(server, r));
}

/** The server's reply code to the first `command` curl sent, from curl's -v trace. */
function replyTo(r: CurlResult, command: string): string | undefined {
  const sent = r.stderr.indexOf(`> ${command}`);
  if (sent < 0) return undefined;
  return r.stderr.slice(sent).match(/^< (\d{3})[ -]/m)?.[1];
}

/** Every reply code after the first `command` (e.g. a refusal that only comes at LIST time). */
function repliesAfter(r: CurlResult, command: string): string[] {
  const sent = r.stderr.indexOf(`> ${command}`);
  return sent < 0 ? [] : [...r.stderr.slice(sent).matchAll(/^< (\d{3}) /gm)].map((m) => m[1]!);
}

const tlsLine = (r: CurlResult) => r.stderr.match(/SSL connection using (TLSv[\d.]+)/)?.[1];

const running: RunningServer[] = [];
async function start(kind: ServerKind, options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer(kind, options);
  running.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'sluice-curl-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.each(SERVER_KINDS)('%s', (kind) => {
  const caps = CAPABILITIES[kind];

  it('is installed (run scripts/install-test-deps.sh otherwise)', () => {
    expect(locateBinaries()[kind], `${kind} binary not found`).toBeDefined();
  });

  const modes = caps.implicit ? (['explicit', 'implicit'] as const) : (['explicit'] as const);
  it.each(modes)('%s TLS: lists, uploads and downloads with curl', async (tls) => {
    const server = await start(kind, { tls });
    await server.writeFile('hello.txt', 'hello from the server\n');

    const list = await curl(server, '');
    await expectOk(server, list);
    expect(list.stdout).toContain('hello.txt');
    // Both connections really were TLS, and data went over PROT P.
    expect(list.stderr).toMatch(/SSL connection using TLSv1\.[23]/);
    expect(list.stderr).toContain('> PROT P');

    const local = path.join(scratch, `${kind}-${tls}-up.bin`);
    const payload = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await writeFile(local, payload);
    await expectOk(server, await curl(server, 'sub-up.bin', ['-T', local]));
    expect(await readFile(path.join(server.root, 'sub-up.bin'))).toEqual(payload);

    const down = await curl(server, 'hello.txt');
    await expectOk(server, down);
    expect(down.stdout).toBe('hello from the server\n');
  });

  it('stop() kills the server and removes its files', async () => {
    const server = await start(kind);
    const dir = path.dirname(server.root);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
    expect(() => process.kill(server.pid, 0)).toThrow();
    const r = await curl(server, '', ['--connect-timeout', '3']);
    expect(r.code).toBe(7); // couldn't connect
  });

  it.each(['1.2', '1.3'] as const)('can be pinned to TLS %s', async (version) => {
    const server = await start(kind, { tlsVersion: version });
    const ok = await curl(server, '', version === '1.2' ? ['--tls-max', '1.2'] : ['--tlsv1.3']);
    await expectOk(server, ok);
    expect(tlsLine(ok)).toBe(`TLSv${version}`);
    // The other version is refused during the handshake (curl 35 = TLS connect error).
    const refused = await curl(server, '', version === '1.2' ? ['--tlsv1.3'] : ['--tls-max', '1.2']);
    expect(refused.code, await explain(server, refused)).toBe(35);
  });

  it(`${caps.authSsl ? 'accepts' : 'refuses'} AUTH SSL`, async () => {
    // curl tries AUTH SSL first and falls back to AUTH TLS.
    const server = await start(kind);
    const r = await curl(server, '');
    await expectOk(server, r);
    const reply = replyTo(r, 'AUTH SSL');
    if (caps.authSsl) expect(reply).toBe('234');
    else expect(reply).toMatch(/^5/);
  });

  if (caps.clientCert) it('requireClientCert: needs a certificate signed by the CA', async () => {
    const server = await start(kind, { requireClientCert: true });
    expect(server.clientCertPath).toBeDefined();
    await expectOk(server, await curl(server, ''));
    const without = await curl(server, '', [], { clientCert: false });
    expect(without.code, await explain(server, without)).not.toBe(0);
  });

  if (caps.protC) it('allowProtC: clear data connections only when allowed', async () => {
    const strict = await start(kind);
    // curl carries on after a refused PROT C (proftpd then waits for a TLS handshake that
    // never comes), so bound it and look for the refusal: at PROT C or at the transfer.
    const refused = await curl(strict, '', ['--ftp-ssl-control', '--max-time', '6']);
    expect(refused.code, await explain(strict, refused)).not.toBe(0);
    expect(repliesAfter(refused, 'PROT C').some((c) => c.startsWith('5'))).toBe(true);

    const lax = await start(kind, { allowProtC: true });
    await lax.writeFile('clear.txt', 'clear\n');
    const ok = await curl(lax, 'clear.txt', ['--ftp-ssl-control']);
    await expectOk(lax, ok);
    expect(ok.stderr).toContain('> PROT C');
    expect(ok.stdout).toBe('clear\n');
  }, 40_000);

  it(`CCC: ${caps.ccc === false ? 'not understood' : caps.ccc}`, async () => {
    const cccReply = (r: CurlResult) => replyTo(r, 'CCC');
    // Active mode: curl sends close_notify first (pure-ftpd waits for it).
    const args = ['--ftp-ssl-ccc', '--ftp-ssl-ccc-mode', 'active'];
    if (caps.ccc === false) {
      await expect(start(kind, { allowCcc: true })).rejects.toBeInstanceOf(UnsupportedOptionError);
      const server = await start(kind);
      expect(cccReply(await curl(server, '', args))).toBe('500');
      return;
    }
    if (caps.ccc === 'optional') {
      const strict = await start(kind);
      expect(cccReply(await curl(strict, '', args))).toMatch(/^5/);
    }
    const server = await start(kind, { allowCcc: true });
    await server.writeFile('after-ccc.txt', 'still works\n');
    const r = await curl(server, 'after-ccc.txt', args);
    await expectOk(server, r);
    expect(cccReply(r)).toBe('200');
    expect(r.stdout).toBe('still works\n');
  });

  if (caps.sessionReuse) it('requireSessionReuse: rejects data connections that do not resume the TLS session', async () => {
    const server = await start(kind, { requireSessionReuse: true });
    await expectOk(server, await curl(server, '')); // curl resumes by default
    const noReuse = await curl(server, '', ['--no-sessionid']);
    expect(noReuse.code, await explain(server, noReuse)).not.toBe(0);
    expect(noReuse.stderr).toMatch(/< (425|522) /);

    const lax = await start(kind);
    await expectOk(lax, await curl(lax, '', ['--no-sessionid']));
  });

  it('refuses options it cannot honour instead of ignoring them', async () => {
    const wanted: ServerOptions[] = [];
    if (!caps.implicit) wanted.push({ tls: 'implicit' });
    if (!caps.clientCert) wanted.push({ requireClientCert: true });
    if (!caps.sessionReuse) wanted.push({ requireSessionReuse: true });
    for (const options of wanted) {
      await expect(start(kind, options)).rejects.toBeInstanceOf(UnsupportedOptionError);
    }
  });

  it('passivePorts: data connections use the given range', async () => {
    const probe = await start(kind); // borrow a free-ish range near a port the OS just gave us
    const min = probe.port + 1000 > 65000 ? probe.port - 1000 : probe.port + 1000;
    await probe.stop();
    const server = await start(kind, { passivePorts: { min, max: min + 9 } });
    const r = await curl(server, '');
    await expectOk(server, r);
    const port = Number(r.stderr.match(/\(\|\|\|(\d+)\|\)/)?.[1]);
    expect(port).toBeGreaterThanOrEqual(min);
    expect(port).toBeLessThanOrEqual(min + 9);
  });
});
