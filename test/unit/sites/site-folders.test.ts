import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSitesService, type NodeSitesService } from '../../../main/sites/sites-service';
import { NoVault } from '../../../main/sites/vault/credential-vault';
import { makeTempDir } from '../../support/temp-dir';
import { siteDraft } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

/** A service on a fresh data folder; `again()` is another process on the same folder. */
function fresh(): { sites: NodeSitesService; again: () => NodeSitesService; file: string } {
  temp = makeTempDir();
  const again = () => createSitesService({ dataDir: temp.path, vault: new NoVault() });
  return { sites: again(), again, file: path.join(temp.path, 'sites.json') };
}

const asks = siteDraft({ passwordMode: 'ask' });

describe('Site Manager folders', () => {
  it('keeps an empty folder, with its parents, for the next process, and tells listeners', async () => {
    const { sites, again, file } = fresh();
    const heard: (readonly string[])[] = [];
    sites.onDidChangeFolders((folders) => heard.push(folders));
    await sites.createFolder('Work/Clients/Empty');
    await sites.createFolder('Work/Clients/Empty');
    expect(await again().listFolders()).toEqual(['Work', 'Work/Clients', 'Work/Clients/Empty']);
    expect(heard).toEqual([['Work', 'Work/Clients', 'Work/Clients/Empty']]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 2, sites: [], folders: ['Work', 'Work/Clients', 'Work/Clients/Empty'] });
  });

  it('refuses folder paths that are not in their one written form, writing nothing', async () => {
    const { sites, file } = fresh();
    for (const bad of ['', '/Work', 'Work/', 'Work//Clients', ' Work', 'Work/ Clients', 'a\nb', 'a\rb', 'a\0b', 'x'.repeat(501)]) {
      await expect(sites.createFolder(bad), JSON.stringify(bad)).rejects.toMatchObject({ kind: 'invalid-argument' });
      await expect(sites.renameFolder('Work', bad), JSON.stringify(bad)).rejects.toMatchObject({ kind: 'invalid-argument' });
      await expect(sites.removeFolder(bad), JSON.stringify(bad)).rejects.toMatchObject({ kind: 'invalid-argument' });
    }
    expect(existsSync(file)).toBe(false);
  });

  it('renames a folder with the sites and folders inside it, and nothing that only shares its prefix', async () => {
    const { sites, again } = fresh();
    const top = await sites.save({ ...asks, name: 'Top', folder: 'Work' });
    const deep = await sites.save({ ...asks, name: 'Deep', folder: 'Work//Clients/ ' });
    const neighbour = await sites.save({ ...asks, name: 'Neighbour', folder: 'Work stuff' });
    await sites.createFolder('Work/Clients/Empty');
    await sites.renameFolder('Work', 'Archive/2024');
    const byName = new Map((await again().list()).map((site) => [site.name, site]));
    expect(byName.get('Top')).toEqual({ ...top, folder: 'Archive/2024' });
    expect(byName.get('Deep')).toEqual({ ...deep, folder: 'Archive/2024/Clients' });
    expect(byName.get('Neighbour')).toEqual(neighbour);
    expect(await again().listFolders()).toEqual(['Archive', 'Archive/2024', 'Archive/2024/Clients', 'Archive/2024/Clients/Empty', 'Work stuff']);
  });

  it('refuses a rename onto a taken name, into itself, or of a folder that is gone', async () => {
    const { sites, again } = fresh();
    await sites.createFolder('Work/Clients');
    await sites.createFolder('Home');
    await expect(sites.renameFolder('Work', 'Home')).rejects.toMatchObject({ kind: 'exists' });
    await expect(sites.renameFolder('Work', 'Work/Clients/Work')).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(sites.renameFolder('Gone', 'Here')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(sites.renameFolder('Work', `Home/${'x'.repeat(495)}`)).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(await again().listFolders()).toEqual(['Home', 'Work', 'Work/Clients']);
  });

  it('deletes a folder with the folders and sites inside, keeping its parent and its neighbours', async () => {
    const { sites, again } = fresh();
    await sites.save({ ...asks, name: 'Inside', folder: 'Work/Clients' });
    await sites.save({ ...asks, name: 'Deeper', folder: 'Work/Clients/Big' });
    await sites.save({ ...asks, name: 'Neighbour', folder: 'Work/Clients 2' });
    await sites.createFolder('Work/Clients/Empty');
    const heard: string[] = [];
    sites.onDidChange((list) => heard.push(list.map((site) => site.name).join()));
    await sites.removeFolder('Work/Clients');
    expect((await again().list()).map((site) => site.name)).toEqual(['Neighbour']);
    expect(await again().listFolders()).toEqual(['Work', 'Work/Clients 2']);
    expect(heard).toEqual(['Neighbour']);
    await expect(sites.removeFolder('Work/Clients')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('deletes the secrets of the sites in a deleted folder, and only theirs', async () => {
    temp = makeTempDir();
    const sites = createSitesService({ dataDir: temp.path });
    await sites.unlockVault('master of puppets');
    const gone = await sites.save(siteDraft({ folder: 'Work' }), { password: 'gone' });
    const kept = await sites.save(siteDraft({ folder: 'Home' }), { password: 'kept' });
    await sites.removeFolder('Work');
    const vault = JSON.parse(readFileSync(path.join(temp.path, 'vault.json'), 'utf8')) as { entries: object };
    expect(Object.keys(vault.entries)).toEqual([`site:${kept.id}:password`]);
    await expect(sites.resolveCredentials(gone.id)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('keeps a folder when its last site leaves it, as FileZilla does', async () => {
    const { sites, again } = fresh();
    const site = await sites.save({ ...asks, folder: 'Work/Clients' });
    await sites.save({ ...site, folder: 'Home' });
    await sites.duplicate(site.id);
    await sites.remove(site.id);
    expect(await again().listFolders()).toEqual(['Home', 'Work', 'Work/Clients']);
  });

  it('lists the folders of a version-1 file from its sites, and writes version 2 on the next change', async () => {
    const { sites, file } = fresh();
    const old = { version: 1, sites: [{ ...asks, id: 'old-site', folder: 'Work/Clients' }] };
    writeFileSync(file, JSON.stringify(old));
    expect(await sites.list()).toEqual(old.sites);
    expect(await sites.listFolders()).toEqual(['Work', 'Work/Clients']);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(old));
    await sites.createFolder('Archive');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 2, sites: old.sites, folders: ['Archive', 'Work', 'Work/Clients'] });
  });
});
