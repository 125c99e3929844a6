import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const built = path.join(root, 'dist', 'cli', 'main.js');

/** The newest modification time of any source the CLI bundle is built from. */
function newestSource(): number {
  return Math.max(
    ...['app', 'main', 'shared'].flatMap((folder) =>
      readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
    ),
  );
}

beforeAll(() => {
  // `npm test` builds before vitest; rebuild here only when the bundle is older than the code.
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

const password = 'cli-secret-Pa55';
const master = 'cli master password';

function sluice(args: string[], env: Record<string, string> = {}) {
  // stdin is not a terminal here, so nothing can be asked: every secret comes from env.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SLUICE_')));
  return spawnSync(process.execPath, ['bin/sluice.mjs', 'sites', ...args, '--data-dir', temp.path], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...clean, ...env },
  });
}

interface ListedSite {
  id: string;
  name: string;
  folder: string;
  host: string;
  port?: number;
  tlsMode: string;
  user: string;
  passwordMode: string;
  connectionLimit: number;
  remoteFolder?: string;
}
const listJson = () => JSON.parse(sluice(['list', '--json']).stdout) as ListedSite[];

describe('sluice sites', () => {
  it('adds a site with its password in the vault, lists it, and removes it with its secret', () => {
    temp = makeTempDir();
    const added = sluice(['add', 'Work', 'ftpes://alice@ftp.example.com:2121/pub/data', '--folder', 'Clients', '--connections', '4'], {
      SLUICE_PASSWORD: password,
      SLUICE_MASTER_PASSWORD: master,
    });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Saved site "Work" \(id [A-Za-z0-9_-]{16}\): ftpes:\/\/ftp\.example\.com:2121, user alice, password in the encrypted vault\.$/m);

    const [site, ...others] = listJson();
    expect(others).toEqual([]);
    expect(site).toMatchObject({ name: 'Work', folder: 'Clients', host: 'ftp.example.com', port: 2121, tlsMode: 'explicit', user: 'alice', passwordMode: 'saved', connectionLimit: 4, remoteFolder: '/pub/data' });
    const table = sluice(['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+FOLDER\s+ADDRESS\s+USER\s+PASSWORD\s+ID$/);
    expect(table.stdout).toContain(site!.id);

    expect(readdirSync(temp.path).sort()).toEqual(['sites.json', 'vault.json']);
    for (const name of readdirSync(temp.path)) expect(readFileSync(path.join(temp.path, name), 'utf8')).not.toContain(password);
    const vaultKeys = () => Object.keys((JSON.parse(readFileSync(path.join(temp.path, 'vault.json'), 'utf8')) as { entries: object }).entries);
    expect(vaultKeys()).toEqual([`site:${site!.id}:password`]);

    // Removing needs no master password: forgetting a secret needs no key.
    const removed = sluice(['remove', 'Work']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Removed site "Work"');
    expect(listJson()).toEqual([]);
    expect(vaultKeys()).toEqual([]);
    expect(sluice(['list']).stdout).toMatch(/^No saved sites/);
  });

  it('saves an "ask every time" site without touching the vault, and removes by id', () => {
    temp = makeTempDir();
    const added = sluice(['add', 'Ask', 'ftps://bob@files.example.org', '--ask-password']);
    expect(added.status).toBe(0);
    expect(readdirSync(temp.path)).toEqual(['sites.json']);
    const [site] = listJson();
    expect(site).toMatchObject({ tlsMode: 'implicit', passwordMode: 'ask', user: 'bob' });
    expect(site!.port).toBeUndefined();
    expect(sluice(['remove', site!.id]).status).toBe(0);
    expect(listJson()).toEqual([]);
  });

  it('without a master password or a terminal, explains what to set and saves nothing', () => {
    temp = makeTempDir();
    const refused = sluice(['add', 'Work', 'ftpes://alice@ftp.example.com'], { SLUICE_PASSWORD: password });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('SLUICE_MASTER_PASSWORD');
    expect(readdirSync(temp.path)).toEqual([]);
  });

  it('refuses a wrong master password, a duplicate name and an unknown site', () => {
    temp = makeTempDir();
    const env = { SLUICE_PASSWORD: password, SLUICE_MASTER_PASSWORD: master };
    expect(sluice(['add', 'One', 'ftpes://alice@one.example.com'], env).status).toBe(0);
    const wrong = sluice(['add', 'Two', 'ftpes://alice@two.example.com'], { ...env, SLUICE_MASTER_PASSWORD: 'not it' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('master password is not right');
    const duplicate = sluice(['add', 'One', 'ftpes://alice@one.example.com'], env);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    expect(listJson().map((site) => site.name)).toEqual(['One']);
    const unknown = sluice(['remove', 'Nope']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No saved site is called "Nope"');
  });
});
