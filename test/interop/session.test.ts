// The remote session service (what the remote pane talks to) against a real vsftpd that
// requires TLS session reuse, with small fakes for the trust store and the prompts.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyServer } from '../../main/ftp/certificate';
import { ProtocolLogService } from '../../main/log/log-service';
import type { Ask, ServerTrust, SiteSource, TrustOutcome } from '../../main/session/ports';
import { QuickConnectHistory } from '../../main/session/quick-connect-history';
import { RemoteSession } from '../../main/session/remote-session';
import type { PromptAnswer } from '../../shared/services/prompts';
import type { ConnectTarget } from '../../shared/services/session';
import type { CertificateInfo } from '../../shared/services/trust';
import { startServer, type RunningServer } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';

let server: RunningServer;
let data: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  server = await startServer('vsftpd', { requireSessionReuse: true });
  data = makeTempDir();
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

/** Trusts exactly the server's certificate, as a pin would. */
function pinnedTrust(fingerprint: string): ServerTrust {
  return {
    attempt() {
      let outcome: TrustOutcome | undefined;
      const verify: VerifyServer = (check) => {
        const leaf = new X509Certificate(check.chain[0]!);
        if (leaf.fingerprint256 !== fingerprint) return 'reject';
        outcome = { certificate: { host: check.host, port: check.port, chain: [], tlsVersion: check.tlsVersion, cipher: check.cipher, reasons: ['unknown-issuer'] } as CertificateInfo, trust: 'pinned' };
        return 'trust';
      };
      return { verify, outcome: () => outcome };
    },
  };
}

const noSites: SiteSource = {
  site: async () => undefined,
  secrets: async () => ({}),
  rememberPassword: async () => undefined,
  allowInsecure: async () => undefined,
};

function session(options: { answers?: PromptAnswer[]; fingerprint?: string } = {}) {
  const asked: string[] = [];
  const answers = [...(options.answers ?? [])];
  const ask: Ask = async (request) => {
    asked.push(request.kind);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected prompt ${request.kind}`);
    return answer;
  };
  const log = new ProtocolLogService();
  const fingerprint = options.fingerprint ?? new X509Certificate(readFileSync(server.serverCertPath)).fingerprint256;
  const remote = new RemoteSession({ sites: noSites, trust: pinnedTrust(fingerprint), ask, log, history: new QuickConnectHistory(data.path) });
  return { remote, asked, log };
}

const quick = (overrides: Partial<Extract<ConnectTarget, { kind: 'quick' }>> = {}): ConnectTarget => ({
  kind: 'quick',
  host: '127.0.0.1',
  port: server.port,
  user: server.user,
  password: server.password,
  tlsMode: 'explicit',
  ...overrides,
});

describe('the remote session against vsftpd', () => {
  it('connects, reports TLS and the certificate outcome, and remembers the server in the history', async () => {
    const { remote } = session();
    const states: string[] = [];
    remote.onDidChangeState((state) => states.push(state.status));
    const state = await remote.connect(quick());
    expect(state.status, JSON.stringify(state.error)).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    expect(state.security).toMatchObject({ dataProtected: true, commandsInClear: false, trust: 'pinned' });
    expect(state.security?.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(state.home).toBe('/');
    expect(await remote.quickConnectHistory()).toEqual([expect.objectContaining({ host: '127.0.0.1', port: server.port, user: server.user, tlsMode: 'explicit' })]);
    expect(JSON.stringify(await remote.quickConnectHistory())).not.toContain(server.password);
    await remote.disconnect();
    expect((await remote.state()).status).toBe('disconnected');
  });

  it('opens more connections to the same server for transfers, without asking again', async () => {
    const { remote, asked } = session();
    await remote.connect(quick());
    expect(remote.connectedServer()).toEqual({ host: '127.0.0.1', port: server.port, user: server.user });
    const extra = await Promise.all([remote.openAnotherConnection(), remote.openAnotherConnection()]);
    expect(await Promise.all(extra.map((client) => client.pwd()))).toEqual(['/', '/']);
    expect(asked).toEqual([]);
    extra.forEach((client) => client.close());
    await remote.disconnect();
    await expect(remote.openAnotherConnection()).rejects.toMatchObject({ kind: 'closed' });
  });

  it('creates, lists, renames, chmods and recursively deletes folders', async () => {
    const { remote } = session();
    await remote.connect(quick());
    const created = await remote.createFolder('/', 'project');
    expect(created).toBe('/project');
    await remote.createFolder('/project', 'src');
    await server.writeFile('project/src/main.c', 'int main;\n');
    await server.writeFile('project/readme.txt', 'hi\n');
    const listing = await remote.list('/project');
    expect(listing.parent).toBe('/');
    expect(listing.entries.map((entry) => `${entry.kind}:${entry.name}`).sort()).toEqual(['dir:src', 'file:readme.txt']);

    expect(await remote.rename('/project', 'renamed')).toBe('/renamed');
    await remote.chmod('/renamed/readme.txt', 0o640);
    const readme = (await remote.list('/renamed')).entries.find((entry) => entry.name === 'readme.txt');
    expect(readme?.permissions ?? readme?.mode?.toString(8)).toMatch(/rw-r-----|640/);

    await remote.createFolder('/renamed', 'archive');
    expect(await remote.move(['/renamed/readme.txt'], '/renamed/archive')).toEqual(['/renamed/archive/readme.txt']);
    expect(existsSync(path.join(server.root, 'renamed', 'archive', 'readme.txt'))).toBe(true);
    await expect(remote.move(['/renamed'], '/renamed/archive')).rejects.toMatchObject({ kind: 'invalid-argument' });

    await remote.delete([{ path: '/renamed', kind: 'dir' }]);
    expect(existsSync(path.join(server.root, 'renamed'))).toBe(false);
    expect((await remote.list('/')).entries.map((entry) => entry.name)).not.toContain('renamed');
    await remote.disconnect();
  });

  it('reports a wrong password as a failed state the pane can show, not a crash', async () => {
    const { remote } = session();
    const state = await remote.connect(quick({ password: 'wrong' }));
    expect(state.status).toBe('failed');
    expect(state.error?.kind).toBe('auth-failed');
  });

  it('asks for a password when none is given, and sends none when the prompt is cancelled', async () => {
    const cancelled = session({ answers: [{ kind: 'password', password: null, remember: false }] });
    const state = await cancelled.remote.connect(quick({ password: undefined }));
    expect(cancelled.asked).toEqual(['password']);
    expect(state).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
    expect((await cancelled.log.recent()).some((line) => line.text.startsWith('USER'))).toBe(false);

    const typed = session({ answers: [{ kind: 'password', password: server.password, remember: false }] });
    expect((await typed.remote.connect(quick({ password: undefined }))).status).toBe('connected');
    await typed.remote.disconnect();
  });

  it('refuses a certificate the trust decision rejects before USER is sent', async () => {
    const { remote, log } = session({ fingerprint: '00:11' });
    const state = await remote.connect(quick());
    expect(state).toMatchObject({ status: 'failed', error: { kind: 'certificate-rejected' } });
    const sent = (await log.recent()).filter((line) => line.direction === 'sent').map((line) => line.text.split(' ')[0]);
    expect(sent).not.toContain('USER');
    expect(sent).toContain('AUTH');
  });

  it('asks before a plain-FTP connection and stays off the network when refused', async () => {
    const { remote, asked, log } = session({ answers: [{ kind: 'insecure', proceed: false, remember: false }] });
    const state = await remote.connect(quick({ tlsMode: 'plain' }));
    expect(asked).toEqual(['insecure-connection']);
    expect(state).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
    expect(await log.recent()).toEqual([]);
  });
});

