// The transfer commands of the built CLI, as a user runs them, against vsftpd with TLS
// session reuse required: ls, get, put, mirror both ways, rm -r, mkdir -p, mv, saved sites.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../shared/remote-entry';
import { startServer, type RunningServer } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..');
const home = makeTempDir('sluice-cli-transfer-');
let server: RunningServer;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  server = await startServer('vsftpd', { requireSessionReuse: true });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  home.remove();
});

/** Runs `sluice …` without a terminal; the trust store and sites live in the temp home. */
function sluice(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/sluice.mjs', ...args], {
      cwd: root,
      env: { ...process.env, XDG_DATA_HOME: home.path, SLUICE_PASSWORD: server.password, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The URL of a remote path, each segment percent-encoded. */
const url = (remotePath: string) => `ftpes://${server.user}@127.0.0.1:${server.port}/${remotePath.split('/').map(encodeURIComponent).join('/')}`;
const ca = () => ['--ca', server.caPath];
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function localDigests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')] = sha256(await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

describe('sluice transfer commands', () => {
  it('put, ls --json and ls -l, get, mv and rm a file', async () => {
    const local = path.join(home.path, 'hello é.txt');
    const content = randomBytes(50_000);
    await writeFile(local, content);
    await mkdir(path.join(server.root, 'inbox'), { recursive: true });
    await server.writeFile('inbox/.keep', '');

    const put = await sluice(['put', local, url('inbox/'), ...ca()]);
    expect(put.code, put.stderr).toBe(0);
    expect(await readFile(path.join(server.root, 'inbox', 'hello é.txt'))).toEqual(content);

    const listed = await sluice(['ls', url('inbox'), '--json', ...ca()]);
    expect(listed.code, listed.stderr).toBe(0);
    const entries = JSON.parse(listed.stdout) as RemoteEntry[];
    expect(entries.find((entry) => entry.name === 'hello é.txt')).toMatchObject({ kind: 'file', size: 50_000 });
    const long = await sluice(['ls', '-l', url('inbox'), ...ca()]);
    expect(long.stdout).toMatch(/^-\S*\s+48\.8 KiB\s+\d{4}-\d\d-\d\d[ \d:]*\s+hello é\.txt$/m);

    const downloads = path.join(home.path, 'downloads');
    await mkdir(downloads);
    const get = await sluice(['get', url('inbox/hello é.txt'), downloads, ...ca()]);
    expect(get.code, get.stderr).toBe(0);
    expect(await readFile(path.join(downloads, 'hello é.txt'))).toEqual(content);

    const mv = await sluice(['mv', url('inbox/hello é.txt'), 'renamed.txt', ...ca()]);
    expect(mv.code, mv.stderr).toBe(0);
    expect(existsSync(path.join(server.root, 'inbox', 'renamed.txt'))).toBe(true);

    const rm = await sluice(['rm', url('inbox/renamed.txt'), ...ca()]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(existsSync(path.join(server.root, 'inbox', 'renamed.txt'))).toBe(false);
  });

  it('mkdir -p makes the missing parents; rm refuses a folder without -r and deletes it with', async () => {
    const made = await sluice(['mkdir', '-p', url('deep/er/est'), ...ca()]);
    expect(made.code, made.stderr).toBe(0);
    expect((await stat(path.join(server.root, 'deep', 'er', 'est'))).isDirectory()).toBe(true);
    await server.writeFile('deep/er/file.txt', 'x');
    const again = await sluice(['mkdir', '-p', url('deep/er/est'), ...ca()]);
    expect(again.code, again.stderr).toBe(0);

    const refused = await sluice(['rm', url('deep'), ...ca()]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/rm -r/);
    const removed = await sluice(['rm', '-r', url('deep'), ...ca()]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(path.join(server.root, 'deep'))).toBe(false);
  });

  it('mirrors a tree down and back up with -P 4, byte-exact', async () => {
    const tree: Record<string, Buffer> = {};
    for (let folder = 0; folder < 3; folder += 1) for (let file = 0; file < 10; file += 1) tree[`d ${folder}/f${file}.bin`] = randomBytes(1000 + file);
    tree['日本/🎉.txt'] = Buffer.from('emoji');
    for (const [name, data] of Object.entries(tree)) await server.writeFile(`mtree/${name}`, data);
    const expected = Object.fromEntries(Object.entries(tree).map(([name, data]) => [name, sha256(data)]));

    const copy = path.join(home.path, 'mirror-copy');
    const down = await sluice(['mirror', url('mtree'), copy, '-P', '4', ...ca()]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toMatch(/^31 files/);
    expect(await localDigests(copy)).toEqual(expected);

    const up = await sluice(['mirror', '--reverse', copy, url('mtree-up'), '-P', '4', ...ca()]);
    expect(up.code, up.stderr).toBe(0);
    expect(await localDigests(path.join(server.root, 'mtree-up'))).toEqual(expected);
  });

  it('mirrors without what --exclude names, both ways, and counts it', async () => {
    for (const name of ['keep/a.bin', 'keep/a.tmp', 'skip/b.bin', 'keep/skip/c.bin']) await server.writeFile(`xtree/${name}`, randomBytes(500));
    const copy = path.join(home.path, 'excluded-copy');
    const down = await sluice(['mirror', url('xtree'), copy, '--exclude', '*.tmp', '--exclude', '/skip', ...ca()]);
    expect(down.code, down.stderr).toBe(0);
    // `/skip` is the top folder's skip only; keep/skip is another path.
    expect(down.stdout).toMatch(/^2 files .*; 2 excluded/);
    expect(Object.keys(await localDigests(copy)).sort()).toEqual(['keep/a.bin', 'keep/skip/c.bin']);

    const up = await sluice(['mirror', '--reverse', copy, url('xtree-up'), '--exclude', 'skip/', ...ca()]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/^1 files .*; 1 excluded/);
    expect(Object.keys(await localDigests(path.join(server.root, 'xtree-up')))).toEqual(['keep/a.bin']);

    const dry = await sluice(['mirror', url('xtree'), path.join(home.path, 'dry-copy'), '--exclude', 'skip', '--dry-run', ...ca()]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter((line) => line.startsWith('would ')).sort()).toEqual(['would download keep/a.bin (500 B)', 'would download keep/a.tmp (500 B)']);
    expect(dry.stdout).toMatch(/dry run: 2 files \(1000 B\) would be downloaded; .*2 excluded; nothing changed/);
    expect(existsSync(path.join(home.path, 'dry-copy'))).toBe(false);

    const refused = await sluice(['mirror', url('xtree'), copy, '--exclude', '/', ...ca()]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--exclude needs a name or a path/);
  });

  it('exits non-zero and leaves no file when a get fails; a mirror of a missing folder fails too', async () => {
    const target = path.join(home.path, 'missing.txt');
    const get = await sluice(['get', url('no/such/file.txt'), target, ...ca()]);
    expect(get.code).not.toBe(0);
    expect(get.stderr).toMatch(/550/);
    expect(existsSync(target)).toBe(false);
    expect(await readdir(home.path)).not.toContain('.missing.txt.sluice-part');

    const mirror = await sluice(['mirror', url('no-such-folder'), path.join(home.path, 'nothing'), ...ca()]);
    expect(mirror.code).not.toBe(0);
    expect(mirror.stderr).toMatch(/FAILED|failed/);
  });

  it('refuses an untrusted certificate and names the fingerprint to trust', async () => {
    const fingerprint = new X509Certificate(readFileSync(server.serverCertPath)).fingerprint256;
    const refused = await sluice(['mirror', url('mtree'), path.join(home.path, 'untrusted')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`--trust ${fingerprint}`);
    expect(existsSync(path.join(home.path, 'untrusted'))).toBe(false);
  });

  it('works on a saved site: SITE-NAME:/path, the password asked for (here from SLUICE_PASSWORD)', async () => {
    const added = await sluice(['sites', 'add', 'Test server', url(''), '--ask-password']);
    expect(added.code, added.stderr).toBe(0);
    await server.writeFile('site-dir/a.txt', 'from a site');
    const listed = await sluice(['ls', 'Test server:/site-dir', ...ca()]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe('a.txt\n');
    const target = path.join(home.path, 'from-site.txt');
    const get = await sluice(['get', 'Test server:site-dir/a.txt', target, ...ca()]);
    expect(get.code, get.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toBe('from a site');
  });

  it("lists and fetches files named in a saved site's legacy charset (iconv-lite, which the CLI loads only then)", async () => {
    const added = await sluice(['sites', 'add', 'Latin-1 server', url(''), '--ask-password']);
    expect(added.code, added.stderr).toBe(0);
    // The CLI saves sites as 'auto'; the app's Site Manager sets a charset. Do what it would.
    const sitesFile = path.join(home.path, 'sluice', 'sites.json');
    const stored = JSON.parse(await readFile(sitesFile, 'utf8')) as { sites: Array<{ name: string; charset?: string }> };
    for (const site of stored.sites) if (site.name === 'Latin-1 server') site.charset = 'latin1';
    await writeFile(sitesFile, JSON.stringify(stored));
    await server.writeFile('latin-dir/plain.txt', 'plain');
    // "café.txt" as a Latin-1 server stores it: é is the single byte 0xE9.
    writeFileSync(Buffer.concat([Buffer.from(path.join(server.root, 'latin-dir', 'caf')), Buffer.of(0xe9), Buffer.from('.txt')]), 'accented');
    const listed = await sluice(['ls', 'Latin-1 server:/latin-dir', ...ca()]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n').filter(Boolean).sort()).toEqual(['café.txt', 'plain.txt']);
    const target = path.join(home.path, 'café.txt');
    const get = await sluice(['get', 'Latin-1 server:latin-dir/café.txt', target, ...ca()]);
    expect(get.code, get.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toBe('accented');
  });
});
