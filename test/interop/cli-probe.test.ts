// `sluice probe` — the built CLI, as a user runs it — against real Debian FTPS servers.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../main/ftp/probe';
import { CertificateTrust } from '../../main/trust/trust-service';
import { TrustStore } from '../../main/trust/trust-store';
import { certificateDetails } from '../../main/trust/certificate-info';
import type { PinRecord } from '../../shared/services/trust';
import { startServer, type RunningServer, type ServerKind, type ServerOptions } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..');
const running: RunningServer[] = [];
afterEach(async () => void (await Promise.all(running.splice(0).map((server) => server.stop()))));
// The CLI's default trust store is under XDG_DATA_HOME: keep every run away from the user's own.
const dataHome = makeTempDir();
afterAll(() => dataHome.remove());

async function start(kind: ServerKind, options: ServerOptions = {}) {
  const server = await startServer(kind, options);
  running.push(server);
  return server;
}

/** Runs `sluice probe` without a terminal (stdin closed), as a script would. */
function probe(args: string[], env: Record<string, string> = {}) {
  return sluice(['probe', ...args], env);
}

/** Runs any `sluice` command without a terminal. */
function sluice(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/sluice.mjs', ...args], { cwd: root, env: { ...process.env, XDG_DATA_HOME: dataHome.path, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const urlOf = (server: RunningServer, scheme: string) => `${scheme}://${server.user}@127.0.0.1:${server.port}/`;
const fingerprintOf = (server: RunningServer) => new X509Certificate(readFileSync(server.serverCertPath)).fingerprint256;

describe('sluice probe', () => {
  it('reports greeting, TLS, certificate and every negotiation step of an explicit-TLS vsftpd', async () => {
    const server = await start('vsftpd', { tlsVersion: '1.3' });
    const result = await probe([urlOf(server, 'ftpes'), '--ca', server.caPath, '--json'], { SLUICE_PASSWORD: server.password });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ProbeReport;
    expect(report.greeting?.code).toBe(220);
    expect(report.tls?.version).toBe('TLSv1.3');
    expect(report.certificate?.sha256).toBe(fingerprintOf(server));
    expect(report.certificate?.nodeVerdict.authorized).toBe(true);
    expect(report.steps.filter((step) => step.ok).map((step) => step.command)).toEqual(expect.arrayContaining(['AUTH TLS', 'PBSZ 0', 'PROT P']));
    expect(report.loggedIn).toBe(true);
    expect(report.features.length).toBeGreaterThan(0);
  });

  it('without a terminal, refuses an untrusted certificate, sends no USER and names the fingerprint to pin', async () => {
    const server = await start('proftpd');
    const result = await probe([urlOf(server, 'ftpes')], { SLUICE_PASSWORD: server.password });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--trust ${fingerprintOf(server)}`);
    expect(result.stdout).toMatch(/Logged in\s+no/);
    const userSent = /USER sluice/i;
    expect(await server.readLogs()).not.toMatch(userSent);
    // The same server's log does show USER once the certificate is trusted: the check above is not vacuous.
    const trusted = await probe([urlOf(server, 'ftpes'), '--trust', fingerprintOf(server)], { SLUICE_PASSWORD: server.password });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(await server.readLogs()).toMatch(userSent);
  });

  it('trusts a pinned fingerprint and reports it as pinned', async () => {
    const server = await start('pure-ftpd');
    const pin = fingerprintOf(server).replaceAll(':', '').toLowerCase();
    const result = await probe([urlOf(server, 'ftpes'), '--trust', pin], { SLUICE_PASSWORD: server.password });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Trusted\s+yes, pinned by --trust/);
    expect(result.stdout).toMatch(/Logged in\s+yes/);
  });

  it('speaks implicit TLS with ftps://, and reports how CCC went on proftpd', async () => {
    const server = await start('proftpd', { tls: 'implicit', allowCcc: true });
    const result = await probe([urlOf(server, 'ftps'), '--ca', server.caPath, '--ccc', '--json'], { SLUICE_PASSWORD: server.password });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ProbeReport;
    expect(report.mode).toBe('implicit');
    expect(report.tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(report.steps.find((step) => step.command === 'CCC')).toMatchObject({ ok: true, code: 200 });
  });

  it('trusts a certificate pinned in the trust store (shared with `sluice cert`) until the pin is removed', async () => {
    const server = await start('vsftpd');
    const dataDir = path.join(dataHome.path, 'pinned');
    const url = urlOf(server, 'ftpes');
    const env = { SLUICE_PASSWORD: server.password };
    expect((await probe([url, '--data-dir', dataDir], env)).code).toBe(1);
    // Pin as "Always trust" in the app would: through the trust service, into <dataDir>/trust.json.
    const trust = new CertificateTrust({ store: TrustStore.inDataDir(dataDir) });
    const leaf = certificateDetails(readFileSync(server.serverCertPath, 'utf8'));
    await trust.pin({ host: '127.0.0.1', port: server.port, chain: [leaf], tlsVersion: 'TLSv1.3', cipher: 'unknown', reasons: ['unknown-issuer'] }, 'dialog');

    const pinned = await probe([url, '--data-dir', dataDir], env);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stdout).toMatch(/Trusted\s+yes, pinned in the trust store/);
    expect(pinned.stdout).toMatch(/Logged in\s+yes/);

    const listed = await sluice(['cert', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.code, listed.stderr).toBe(0);
    const pins = JSON.parse(listed.stdout) as PinRecord[];
    expect(pins).toMatchObject([{ host: '127.0.0.1', port: server.port, sha256: fingerprintOf(server), decidedBy: 'dialog' }]);

    const removed = await sluice(['cert', 'remove', `127.0.0.1:${server.port}`, '--data-dir', dataDir]);
    expect(removed.code, removed.stderr).toBe(0);
    const refused = await probe([url, '--data-dir', dataDir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`--trust ${fingerprintOf(server)}`);
  });
});
