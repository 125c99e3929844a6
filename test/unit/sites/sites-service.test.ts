import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSitesService, newSiteId, type NodeSitesService } from '../../../main/sites/sites-service';
import { NoVault } from '../../../main/sites/vault/credential-vault';
import type { SiteDraft, SiteProfile } from '../../../shared/services/sites';
import { makeTempDir } from '../../support/temp-dir';
import { siteDraft } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

const master = 'master of puppets';
const password = 'Sup3r-Secret-Pa55word';
const passphrase = 'key-passphrase-9f8e7d';
const withCertificate: Partial<SiteDraft> = { clientCertificate: { file: '/keys/me.p12', passphraseMode: 'saved' } };

function service(): NodeSitesService {
  return createSitesService({ dataDir: temp.path });
}

async function unlocked(): Promise<NodeSitesService> {
  temp = makeTempDir();
  const sites = service();
  await sites.unlockVault(master);
  return sites;
}

/** Every file below the data folder, as bytes, by name. */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name))]));
}

const vaultKeys = () => Object.keys((JSON.parse(readFileSync(path.join(temp.path, 'vault.json'), 'utf8')) as { entries: object }).entries);

describe('the sites service', () => {
  it('saves, lists, updates, and tells listeners', async () => {
    const sites = await unlocked();
    const seen: (readonly SiteProfile[])[] = [];
    sites.onDidChange((list) => seen.push(list));
    const saved = await sites.save(siteDraft({ name: '  Work  ' }));
    expect(saved.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(saved.name).toBe('Work');
    const updated = await sites.save({ ...saved, port: 2121 });
    expect(updated.id).toBe(saved.id);
    expect(await service().list()).toEqual([updated]);
    expect(seen).toEqual([[saved], [updated]]);
    await expect(sites.save(siteDraft({ id: 'no-such-site' }))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('makes ids a command line cannot take for an option: 16 url-safe characters, the first a letter or digit', () => {
    // With base64url alone, 1 id in 64 began with '-': `sluice sites remove <id>` then failed.
    const ids = Array.from({ length: 5000 }, newSiteId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never writes a secret outside the vault, nor in clear inside it', async () => {
    const sites = await unlocked();
    const saved = await sites.save(siteDraft(withCertificate), { password, passphrase });
    expect(await service().resolveCredentials(saved.id).catch((error: unknown) => error)).toMatchObject({ kind: 'vault-locked' });
    const files = filesOf(temp.path);
    expect([...files.keys()].sort()).toEqual(['sites.json', 'vault.json']);
    for (const [name, bytes] of files) {
      for (const secret of [password, passphrase, master]) {
        expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret).toString('base64')), `${secret} as base64 in ${name}`).toBe(false);
      }
    }
    expect(await sites.resolveCredentials(saved.id)).toEqual({ password, passphrase });
  });

  it('refuses to save a secret into a locked vault, writing nothing at all', async () => {
    temp = makeTempDir();
    const first = service();
    await expect(first.save(siteDraft(), { password })).rejects.toMatchObject({ kind: 'vault-locked' });
    expect(readdirSync(temp.path)).toEqual([]);

    await first.unlockVault(master);
    await first.save(siteDraft({ name: 'Kept' }), { password });
    const before = filesOf(temp.path);
    const locked = service();
    expect(await locked.vaultStatus()).toEqual({ kind: 'master-password', locked: true, initialized: true });
    await expect(locked.save(siteDraft({ name: 'New' }), { password: 'other' })).rejects.toMatchObject({ kind: 'vault-locked' });
    expect(filesOf(temp.path)).toEqual(before);
    expect((await locked.list()).map((site) => site.name)).toEqual(['Kept']);
    // A profile without a secret needs no master password.
    await locked.save(siteDraft({ name: 'No secret', passwordMode: 'ask' }));
  });

  it('rejects a draft that smuggles a secret into the profile', async () => {
    const sites = await unlocked();
    const smuggled = { ...siteDraft(), password } as SiteDraft;
    await expect(sites.save(smuggled)).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(existsSync(path.join(temp.path, 'sites.json'))).toBe(false);
  });

  it('forgets the saved password when a site switches to "ask every time", even while locked', async () => {
    const sites = await unlocked();
    const saved = await sites.save(siteDraft(withCertificate), { password, passphrase });
    await service().save({ ...saved, passwordMode: 'ask' }, { password: 'ignored' });
    expect(vaultKeys()).toEqual([`site:${saved.id}:passphrase`]);
    const fresh = service();
    await fresh.unlockVault(master);
    expect(await fresh.resolveCredentials(saved.id)).toEqual({ passphrase });
    await fresh.save({ ...saved, passwordMode: 'saved', clientCertificate: undefined }, { password: null });
    expect(vaultKeys()).toEqual([]);
    expect(await fresh.resolveCredentials(saved.id)).toEqual({});
  });

  it('tells which secrets are saved for a site, without their values and while locked', async () => {
    const sites = await unlocked();
    // "Save password" chosen, but none typed yet: nothing is saved, whatever the mode says.
    const none = await sites.save(siteDraft(withCertificate));
    expect(await sites.storedSecrets(none.id)).toEqual({ password: false, passphrase: false });
    const both = await sites.save(siteDraft(withCertificate), { password, passphrase });
    const locked = service();
    expect(await locked.vaultStatus()).toMatchObject({ locked: true });
    expect(await locked.storedSecrets(both.id)).toEqual({ password: true, passphrase: true });
    const onlyPassword = await sites.save({ ...both, clientCertificate: undefined });
    expect(await locked.storedSecrets(onlyPassword.id)).toEqual({ password: true, passphrase: false });
    await expect(locked.storedSecrets('no-such-site')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(locked.storedSecrets('../../etc')).rejects.toMatchObject({ kind: 'invalid-argument' });
    const noVault = createSitesService({ dataDir: temp.path, vault: new NoVault() });
    expect(await noVault.storedSecrets(both.id)).toEqual({ password: false, passphrase: false });
  });

  it('duplicates a site with a new id, a "Copy of" name and its own copy of the secrets', async () => {
    const sites = await unlocked();
    const original = await sites.save(siteDraft(withCertificate), { password, passphrase });
    const copy = await sites.duplicate(original.id);
    const again = await sites.duplicate(original.id);
    expect(copy).toEqual({ ...original, id: copy.id, name: 'Copy of Work' });
    expect(again.name).toBe('Copy of Work (2)');
    expect(new Set([original.id, copy.id, again.id]).size).toBe(3);
    expect(await sites.resolveCredentials(copy.id)).toEqual({ password, passphrase });
    await sites.save({ ...copy, passwordMode: 'saved' }, { password: 'changed' });
    expect((await sites.resolveCredentials(original.id)).password).toBe(password);
  });

  it('refuses to duplicate a site with saved secrets while the vault is locked', async () => {
    const sites = await unlocked();
    const original = await sites.save(siteDraft(), { password });
    const before = filesOf(temp.path);
    await expect(service().duplicate(original.id)).rejects.toMatchObject({ kind: 'vault-locked' });
    expect(filesOf(temp.path)).toEqual(before);
  });

  it('removes a site together with its secrets', async () => {
    const sites = await unlocked();
    const gone = await sites.save(siteDraft(withCertificate), { password, passphrase });
    const kept = await sites.save(siteDraft({ name: 'Kept' }), { password: 'kept' });
    await service().remove(gone.id);
    expect(vaultKeys()).toEqual([`site:${kept.id}:password`]);
    expect((await service().list()).map((site) => site.id)).toEqual([kept.id]);
    await expect(sites.resolveCredentials(gone.id)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(sites.remove(gone.id)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lets two processes on one data folder save without undoing each other', async () => {
    const web = await unlocked();
    const cli = service();
    await cli.unlockVault(master);
    const one = await web.save(siteDraft({ name: 'From the web shell' }), { password: 'one' });
    const two = await cli.save(siteDraft({ name: 'From the CLI' }), { password: 'two' });
    await web.save({ ...one, comments: 'edited later' });
    expect((await cli.list()).map((site) => site.name)).toEqual(['From the web shell', 'From the CLI']);
    expect(await web.resolveCredentials(two.id)).toEqual({ password: 'two' });
    expect(vaultKeys().sort()).toEqual([`site:${one.id}:password`, `site:${two.id}:password`].sort());
  });

  it('with no vault, saves sites that ask and refuses to store a secret', async () => {
    temp = makeTempDir();
    const sites = createSitesService({ dataDir: temp.path, vault: new NoVault() });
    expect(await sites.vaultStatus()).toEqual({ kind: 'none', locked: false, initialized: true });
    await expect(sites.save(siteDraft(), { password })).rejects.toMatchObject({ kind: 'secret-unavailable' });
    expect(readdirSync(temp.path)).toEqual([]);
    const asks = await sites.save(siteDraft({ passwordMode: 'ask' }));
    expect(await sites.resolveCredentials(asks.id)).toEqual({});
  });

  it('reports a sites file from a newer Sluice on every call, and leaves it untouched', async () => {
    temp = makeTempDir();
    const file = path.join(temp.path, 'sites.json');
    writeFileSync(file, '{"version":7,"sites":[]}');
    const sites = service();
    await expect(sites.list()).rejects.toMatchObject({ kind: 'unsupported-version' });
    await expect(sites.save(siteDraft({ passwordMode: 'ask' }))).rejects.toMatchObject({ kind: 'unsupported-version' });
    expect(readFileSync(file, 'utf8')).toBe('{"version":7,"sites":[]}');
  });
});
