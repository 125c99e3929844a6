import { describe, expect, it } from 'vitest';
import type { SiteProfile } from '../../../shared/services/sites';
import { normalizeFolder } from '../../../shared/site-folders';
import { siteDraft } from '../sites/fixtures';
import { buildSiteTree, findFolder, uniqueName, visibleRows } from '../../../renderer/src/sites/siteTree';

const site = (id: string, name: string, folder: string): SiteProfile => ({ ...siteDraft({ name, folder }), id });

describe('site tree', () => {
  it('nests folders from paths, sorts naturally, and shows the stored empty folders', () => {
    const tree = buildSiteTree(
      [site('1', 'site10', 'Work/Clients'), site('2', 'site9', 'Work//Clients/'), site('3', 'Home', ''), site('4', 'Ops', 'Work')],
      ['Archive', 'Work/Empty'],
    );
    expect(tree.sites.map((s) => s.name)).toEqual(['Home']);
    expect(tree.folders.map((f) => f.name)).toEqual(['Archive', 'Work']);
    const work = tree.folders[1]!;
    expect(work.sites.map((s) => s.name)).toEqual(['Ops']);
    expect(work.folders.map((f) => f.path)).toEqual(['Work/Clients', 'Work/Empty']);
    expect(work.folders[0]!.sites.map((s) => s.name)).toEqual(['site9', 'site10']);
  });

  it('flattens to rows with levels, hiding what collapsed folders hold', () => {
    const tree = buildSiteTree([site('1', 'A', 'Work'), site('2', 'B', '')]);
    const rows = visibleRows(tree, new Set());
    expect(rows.map((row) => `${row.level}:${row.kind === 'site' ? row.site.name : row.node.name}`)).toEqual(['1:My sites', '2:Work', '3:A', '2:B']);
    const collapsed = visibleRows(tree, new Set(['Work']));
    expect(collapsed.map((row) => row.key)).toEqual(['folder:', 'folder:Work', 'site:2']);
  });

  it('finds a folder node by path, for the names a new folder must not take', () => {
    const tree = buildSiteTree([site('1', 'A', 'Work/Clients')], ['Work/New folder', 'Home']);
    expect(findFolder(tree, '')).toBe(tree);
    expect(findFolder(tree, 'Work')?.folders.map((folder) => folder.name)).toEqual(['Clients', 'New folder']);
    expect(findFolder(tree, 'Work/Clients')?.sites.map((s) => s.name)).toEqual(['A']);
    expect(findFolder(tree, 'Work/Gone')).toBeUndefined();
  });

  it('normalizes folders and picks unused names', () => {
    expect(normalizeFolder(' Work / Clients/ ')).toBe('Work/Clients');
    expect(uniqueName('New site', [])).toBe('New site');
    expect(uniqueName('New site', ['new site', 'New site 2'])).toBe('New site 3');
  });
});
