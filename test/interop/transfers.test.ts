// The transfer queue as the app runs it (over a RemoteSession's extra connections) against a
// real vsftpd that requires TLS session reuse: nested trees both ways, a session killed in the
// middle of a transfer, a crash and restart, and every answer to "the target exists".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskFileExists } from '../../main/transfers/exists-policy';
import type { FileExistsRequest } from '../../shared/services/prompts';
import type { TransferItem } from '../../shared/services/transfers';
import { hashTree, noQuestions, pinnedVerify, sha256, until, writeTree } from '../integration/transfers-support';
import { DropProxy } from '../support/fault-server/drop-proxy';
import { startServer, type RunningServer } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';
import { sessionQueue, type SessionTarget } from './transfers-session';

let server: RunningServer;
let proxy: DropProxy;
let temp: ReturnType<typeof makeTempDir>;
let target: SessionTarget;
beforeAll(async () => {
  server = await startServer('vsftpd', { requireSessionReuse: true });
  proxy = await DropProxy.start({ target: { host: '127.0.0.1', port: server.port } });
  temp = makeTempDir();
  target = { host: '127.0.0.1', port: proxy.port, user: server.user, password: server.password, verify: pinnedVerify(server.serverCertPath) };
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  temp?.remove();
});

let folders = 0;
/** A fresh folder under the test's temp folder. */
function fresh(name: string): string {
  const folder = path.join(temp.path, `${name}-${folders++}`);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The one item whose remote path ends with `suffix`, from every tab. */
async function itemAt(queue: { list: (view: 'queued' | 'failed' | 'finished', offset: number, limit: number) => Promise<{ items: readonly TransferItem[] }> }, suffix: string): Promise<TransferItem | undefined> {
  for (const view of ['queued', 'failed', 'finished'] as const) {
    const found = (await queue.list(view, 0, 1000)).items.find((item) => item.remotePath.endsWith(suffix));
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('the transfer queue against vsftpd', () => {
  it('uploads a nested tree and downloads it back, byte-exact; links are skipped with a reason', async () => {
    const local = fresh('tree');
    const expected = writeTree(path.join(local, 'project'), 3, 5);
    mkdirSync(path.join(local, 'project', 'empty'));
    symlinkSync('/etc/passwd', path.join(local, 'project', 'link'));
    writeFileSync(path.join(local, 'single.txt'), 'one file');
    await server.writeFile('remote-dest/.keep', '');
    const { queue, remote } = await sessionQueue(target, fresh('data'), noQuestions);
    try {
      const { added } = await queue.enqueue({
        direction: 'upload',
        sources: [
          { path: path.join(local, 'project'), kind: 'folder' },
          { path: path.join(local, 'single.txt'), kind: 'file' },
        ],
        targetFolder: '/remote-dest',
      });
      expect(added).toBe(2);
      await queue.whenIdle();
      expect(hashTree(path.join(server.root, 'remote-dest', 'project'))).toEqual(expected);
      expect(statSync(path.join(server.root, 'remote-dest', 'project', 'empty')).isDirectory()).toBe(true);
      expect(readFileSync(path.join(server.root, 'remote-dest', 'single.txt'), 'utf8')).toBe('one file');
      const link = await itemAt(queue, '/project/link');
      expect(link).toMatchObject({ status: 'skipped', error: { message: 'A symbolic link is not followed' } });
      expect(existsSync(path.join(server.root, 'remote-dest', 'project', 'link'))).toBe(false);

      const back = fresh('back');
      await queue.enqueue({ direction: 'download', sources: [{ path: '/remote-dest/project', kind: 'folder' }], targetFolder: back });
      await queue.whenIdle();
      expect(hashTree(path.join(back, 'project'))).toEqual(expected);
      expect((await queue.summary()).failed).toBe(0);
    } finally {
      await queue.shutdown();
      await remote.disconnect();
    }
  }, 120_000);

  for (const direction of ['upload', 'download'] as const) {
    it(`retries and resumes a ${direction} whose session is killed mid-transfer, byte-exact`, async () => {
      const data = randomBytes(12 * 1024 * 1024);
      const local = fresh(`kill-${direction}`);
      const name = `big-${direction}.bin`;
      if (direction === 'upload') writeFileSync(path.join(local, name), data);
      else await server.writeFile(name, data);
      const { queue, remote, log } = await sessionQueue(target, fresh('data'), noQuestions);
      const sessionConnection = proxy.accepted - 1;
      const commands: string[] = [];
      log.onDidAppend((lines) => commands.push(...lines.map((line) => line.text)));
      try {
        // Slow enough to be caught in the middle: about 4 s for the file.
        await queue.setSpeedLimit(3 * 1024 * 1024);
        const source = direction === 'upload' ? path.join(local, name) : `/${name}`;
        await queue.enqueue({ direction, sources: [{ path: source, kind: 'file' }], targetFolder: direction === 'upload' ? '/' : local });
        await until(async () => ((await itemAt(queue, name))?.bytesDone ?? 0) > data.length / 4, 30_000, 'a quarter of the file');
        // Kill the transfer's session (every connection after the browsing one).
        expect(proxy.dropSince(sessionConnection + 1)).toBeGreaterThan(0);
        await queue.whenIdle();
        const item = await itemAt(queue, name);
        expect(item).toMatchObject({ status: 'done', attempts: 2 });
        const arrived = readFileSync(direction === 'upload' ? path.join(server.root, name) : path.join(local, name));
        expect(sha256(arrived)).toBe(sha256(data));
        // It resumed rather than starting over: REST with a non-zero offset (or APPE).
        expect(commands.some((text) => /^REST [1-9]\d*$/.test(text) || text.startsWith('APPE '))).toBe(true);
        if (direction === 'download') expect(readdirSync(local)).toEqual([name]);
      } finally {
        await queue.shutdown();
        await remote.disconnect();
      }
    }, 120_000);
  }

  it('pauses and resumes a download, and a cancelled one leaves no file behind', async () => {
    const data = randomBytes(6 * 1024 * 1024);
    await server.writeFile('pause/a.bin', data);
    await server.writeFile('pause/b.bin', data);
    const local = fresh('pause');
    const { queue, remote } = await sessionQueue(target, fresh('data'), noQuestions);
    try {
      await queue.setSpeedLimit(2 * 1024 * 1024);
      await queue.enqueue({ direction: 'download', sources: [{ path: '/pause/a.bin', kind: 'file' }, { path: '/pause/b.bin', kind: 'file' }], targetFolder: local });
      await until(async () => ((await itemAt(queue, 'a.bin'))?.bytesDone ?? 0) > 0 && ((await itemAt(queue, 'b.bin'))?.bytesDone ?? 0) > 0, 30_000, 'both active');
      await queue.pause();
      await until(async () => (await queue.summary()).active === 0, 30_000, 'paused');
      expect(await itemAt(queue, 'a.bin')).toMatchObject({ status: 'queued', attempts: 0 });
      expect((await queue.summary()).paused).toBe(true);
      await queue.resume();
      await until(async () => ((await itemAt(queue, 'b.bin'))?.status ?? '') === 'active', 30_000, 'b active again');
      const b = (await itemAt(queue, 'b.bin')) as TransferItem;
      await queue.cancel([b.id]);
      await queue.setSpeedLimit(null);
      await queue.whenIdle();
      expect(await itemAt(queue, 'b.bin')).toMatchObject({ status: 'cancelled' });
      expect(readdirSync(local)).toEqual(['a.bin']);
      expect(sha256(readFileSync(path.join(local, 'a.bin')))).toBe(sha256(data));
      // A cancelled item can be retried from the Failed tab.
      await queue.retry([b.id]);
      await queue.whenIdle();
      expect(readdirSync(local).sort()).toEqual(['a.bin', 'b.bin']);
    } finally {
      await queue.shutdown();
      await remote.disconnect();
    }
  }, 120_000);

  it('brings queued and active items back after a crash (kill -9) and completes them', async () => {
    const dataDir = fresh('data');
    const local = fresh('crash');
    const files = ['c1.bin', 'c2.bin', 'c3.bin'];
    const contents = new Map(files.map((name) => [name, randomBytes(512 * 1024)]));
    for (const [name, data] of contents) await server.writeFile(`crash/${name}`, data);
    const childScript = path.join(import.meta.dirname, '..', 'support', 'transfers-crash-child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, local, String(proxy.port), server.user, server.serverCertPath, ...files.map((name) => `/crash/${name}`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SLUICE_TEST_PASSWORD: server.password },
    });
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('active') && resolve(undefined));
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before a transfer was active`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // A partial temporary file, and nothing under a final name.
    expect(readdirSync(local).some((name) => name.endsWith('.sluice-part'))).toBe(true);
    expect(readdirSync(local).filter((name) => !name.endsWith('.sluice-part'))).toEqual([]);

    const { queue, remote } = await sessionQueue(target, dataDir, noQuestions);
    try {
      const back = await queue.list('queued', 0, 10);
      expect(back.total).toBe(3);
      expect(back.items.every((item) => item.status === 'queued' || item.status === 'active')).toBe(true);
      await queue.setSpeedLimit(null);
      await queue.whenIdle();
      expect(readdirSync(local).sort()).toEqual(files);
      for (const [name, data] of contents) expect(sha256(readFileSync(path.join(local, name)))).toBe(sha256(data));
      expect((await queue.list('finished', 0, 10)).total).toBe(3);
    } finally {
      await queue.shutdown();
      await remote.disconnect();
    }
  }, 120_000);

  it('applies each answer to "the target exists": resume, rename, skip, overwrite', async () => {
    const remoteData = new Map(['resume', 'rename', 'skip', 'overwrite'].map((name) => [`${name}.bin`, randomBytes(64 * 1024)]));
    for (const [name, data] of remoteData) await server.writeFile(`exists/${name}`, data);
    const local = fresh('exists');
    writeFileSync(path.join(local, 'resume.bin'), (remoteData.get('resume.bin') as Buffer).subarray(0, 10_000));
    writeFileSync(path.join(local, 'rename.bin'), 'mine');
    writeFileSync(path.join(local, 'skip.bin'), 'keep me');
    writeFileSync(path.join(local, 'overwrite.bin'), 'replace me');
    const asked: Omit<FileExistsRequest, 'id'>[] = [];
    const ask: AskFileExists = async (question) => {
      asked.push(question);
      const action = path.basename(question.target.path, '.bin');
      if (action === 'resume' || action === 'rename' || action === 'skip' || action === 'overwrite') return { kind: 'file-exists', action, applyToAll: false };
      throw new Error(`unexpected question about ${question.target.path}`);
    };
    const { queue, remote } = await sessionQueue(target, fresh('data'), ask);
    try {
      await queue.enqueue({ direction: 'download', sources: [...remoteData.keys()].map((name) => ({ path: `/exists/${name}`, kind: 'file' as const })), targetFolder: local });
      await queue.whenIdle();
      expect(asked.map((question) => path.basename(question.target.path)).sort()).toEqual(['overwrite.bin', 'rename.bin', 'resume.bin', 'skip.bin']);
      const resumeQuestion = asked.find((question) => question.target.path.endsWith('resume.bin'));
      expect(resumeQuestion).toMatchObject({ canResume: true, direction: 'download', source: { size: 64 * 1024 }, target: { size: 10_000 } });
      expect(asked.find((question) => question.target.path.endsWith('rename.bin'))?.suggestedName).toBe('rename (1).bin');
      const read = (name: string) => readFileSync(path.join(local, name));
      expect(read('resume.bin').equals(remoteData.get('resume.bin') as Buffer)).toBe(true);
      expect(read('rename.bin').toString()).toBe('mine');
      expect(read('rename (1).bin').equals(remoteData.get('rename.bin') as Buffer)).toBe(true);
      expect(read('skip.bin').toString()).toBe('keep me');
      expect(read('overwrite.bin').equals(remoteData.get('overwrite.bin') as Buffer)).toBe(true);
      expect(await itemAt(queue, 'skip.bin')).toMatchObject({ status: 'skipped' });

      // Upload the other way round: the server holds a prefix, "resume" continues it (REST+STOR).
      const upload = randomBytes(200 * 1024);
      writeFileSync(path.join(local, 'up-resume.bin'), upload);
      await server.writeFile('exists/up-resume.bin', upload.subarray(0, 50_000));
      asked.length = 0;
      const { queue: second, remote: secondRemote } = await sessionQueue(target, fresh('data'), async (question) => {
        asked.push(question);
        return { kind: 'file-exists', action: 'resume', applyToAll: true };
      });
      try {
        await second.enqueue({ direction: 'upload', sources: [{ path: path.join(local, 'up-resume.bin'), kind: 'file' }], targetFolder: '/exists' });
        await second.whenIdle();
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatchObject({ canResume: true, target: { size: 50_000 } });
        expect(sha256(readFileSync(path.join(server.root, 'exists', 'up-resume.bin')))).toBe(sha256(upload));
      } finally {
        await second.shutdown();
        await secondRemote.disconnect();
      }
    } finally {
      await queue.shutdown();
      await remote.disconnect();
    }
  }, 120_000);

  it('a folder upload asks about the one file already there, and probes no other target', async () => {
    const local = fresh('merge');
    const expected = writeTree(path.join(local, 'merge'), 2, 3);
    const clash = [...expected.keys()].sort()[0] as string;
    await server.writeFile(`merge-dest/merge/${clash}`, 'already here');
    const asked: string[] = [];
    const { queue, remote, log } = await sessionQueue(target, fresh('data'), async (question) => {
      asked.push(question.target.path);
      return { kind: 'file-exists', action: 'overwrite', applyToAll: false };
    });
    const sizes: string[] = [];
    log.onDidAppend((lines) => {
      for (const line of lines) if (line.direction === 'sent' && line.text.startsWith('SIZE ')) sizes.push(line.text.slice(5));
    });
    try {
      await queue.enqueue({ direction: 'upload', sources: [{ path: path.join(local, 'merge'), kind: 'folder' }], targetFolder: '/merge-dest' });
      await queue.whenIdle();
      expect(asked).toEqual([`/merge-dest/merge/${clash}`]);
      expect(hashTree(path.join(server.root, 'merge-dest', 'merge'))).toEqual(expected);
      // SIZE goes out once per file to verify it after STOR; the clash alone was also probed before.
      // The log publishes in batches: wait for the last one, then count.
      await until(() => sizes.length >= expected.size + 1, 5_000, 'the last log batch').catch(() => undefined);
      const probed = sizes.filter((name) => name === `/merge-dest/merge/${clash}`).length;
      expect(probed).toBe(2);
      expect(sizes).toHaveLength(expected.size + 1);
    } finally {
      await queue.shutdown();
      await remote.disconnect();
    }
  }, 120_000);
});
