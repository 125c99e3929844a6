import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SitesStore } from '../../../main/sites/sites-store';
import type { CorruptFileReport } from '../../../main/sites/versioned-file';
import type { SiteProfile } from '../../../shared/services/sites';
import { makeTempDir } from '../../support/temp-dir';
import { siteDraft } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

const site = (id: string, name = `Site ${id}`): SiteProfile => ({ ...siteDraft({ name }), id });

function storeWith(text?: string): { file: string; store: SitesStore; reports: CorruptFileReport[] } {
  temp = makeTempDir();
  const file = path.join(temp.path, 'sites.json');
  if (text !== undefined) writeFileSync(file, text);
  const reports: CorruptFileReport[] = [];
  const store = new SitesStore(file, { onCorruptFile: (report) => reports.push(report) });
  return { file, store, reports };
}

describe('the sites file', () => {
  it('round-trips profiles and folders in a versioned file', async () => {
    const { file, store } = storeWith();
    expect(await store.read()).toEqual({ sites: [], folders: [] });
    const sites = [site('a'), { ...site('b'), port: 990, tlsMode: 'implicit' as const, comments: 'ünïcødé' }];
    const folders = ['Archive', 'Work/Empty ünï'];
    await store.write({ sites, folders });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 2, sites, folders });
    expect(await new SitesStore(file).read()).toEqual({ sites, folders });
  });

  it('loads a version-1 file (sites, no folders) as it is, without rewriting it', async () => {
    const sites = [site('a'), { ...site('b'), folder: 'Work/Clients' }];
    const old = JSON.stringify({ version: 1, sites });
    const { file, store, reports } = storeWith(old);
    expect(await store.read()).toEqual({ sites, folders: [] });
    expect(reports).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(old);
  });

  it('collapses a folder listed twice, and sets aside a file with bad folder paths, keeping the good ones', async () => {
    const twice = storeWith(JSON.stringify({ version: 2, sites: [], folders: ['Work', 'Work/Clients', 'Work'] }));
    expect(await twice.store.read()).toEqual({ sites: [], folders: ['Work', 'Work/Clients'] });
    expect(twice.reports).toEqual([]);
    temp.remove();

    const bad = ['', '/Work', 'Work/', 'Work//Clients', ' Work', 'Work /Clients', 'a\nb', 'a\rb', 'a\u0000b', 'x'.repeat(501), 7];
    const original = JSON.stringify({ version: 2, sites: [site('a')], folders: ['Good', ...bad, 'x'.repeat(500)] });
    const { file, store, reports } = storeWith(original);
    expect(await store.read()).toEqual({ sites: [site('a')], folders: ['Good', 'x'.repeat(500)] });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.reason.match(/folder \d+:/g)).toHaveLength(bad.length);
    expect(readFileSync(reports[0]!.movedTo, 'utf8')).toBe(original);
    expect(await new SitesStore(file).read()).toEqual({ sites: [site('a')], folders: ['Good', 'x'.repeat(500)] });
  });

  it('treats a version-1 file with a folder list as damaged: that field is not version 1', async () => {
    const { store, reports } = storeWith(JSON.stringify({ version: 1, sites: [site('a')], folders: ['Work'] }));
    expect(await store.read()).toEqual({ sites: [site('a')], folders: [] });
    expect(reports[0]!.reason).toMatch(/unknown fields folders/);
  });

  it('moves a file that is not JSON aside, reports it, and starts empty', async () => {
    const { file, store, reports } = storeWith('{"version":1,"sites":[');
    expect(await store.read()).toEqual({ sites: [], folders: [] });
    expect(reports).toEqual([{ file, movedTo: expect.stringMatching(/sites\.json\.corrupt-/), reason: expect.stringMatching(/not JSON/) }]);
    expect(readFileSync(reports[0]!.movedTo, 'utf8')).toBe('{"version":1,"sites":[');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the valid sites of a partly damaged file, with the whole original set aside', async () => {
    const original = JSON.stringify({ version: 1, sites: [site('good'), { ...site('bad'), connectionLimit: 99 }, { ...site('leak'), password: 'x' }, site('good', 'dup')] });
    const { file, store, reports } = storeWith(original);
    expect((await store.read()).sites.map((profile) => profile.id)).toEqual(['good']);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.reason).toMatch(/site 2: .*site 3: .*site 4: duplicate id/);
    expect(readFileSync(reports[0]!.movedTo, 'utf8')).toBe(original);
    expect((await new SitesStore(file).read()).sites.map((profile) => profile.id)).toEqual(['good']);
    expect(reports).toHaveLength(1);
  });

  it('refuses a file from a newer Sluice with a typed error and leaves it byte for byte', async () => {
    temp = makeTempDir();
    const file = path.join(temp.path, 'sites.json');
    const future = JSON.stringify({ version: 3, sites: [], folders: [], groups: [] });
    writeFileSync(file, future);
    await expect(new SitesStore(file).read()).rejects.toMatchObject({ kind: 'unsupported-version' });
    expect(readFileSync(file, 'utf8')).toBe(future);
    expect(readdirSync(temp.path)).toEqual(['sites.json']);
  });
});
