import type { SiteProfile } from '../../../shared/services/sites';
import { folderSegments } from '../../../shared/site-folders';

/** A folder of the Site Manager's tree, with its sub-folders and sites, each sorted by name. */
export interface SiteFolderNode {
  readonly kind: 'folder';
  /** `/`-separated path from the top; empty for the root. */
  readonly path: string;
  readonly name: string;
  readonly folders: SiteFolderNode[];
  readonly sites: SiteProfile[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Builds the tree from the sites' folder paths plus the stored folders, which include the
 * empty ones a person created.
 */
export function buildSiteTree(sites: readonly SiteProfile[], folders: readonly string[] = []): SiteFolderNode {
  const root: SiteFolderNode = { kind: 'folder', path: '', name: 'My sites', folders: [], sites: [] };
  const folderAt = (path: string): SiteFolderNode => {
    let node = root;
    for (const segment of folderSegments(path)) {
      let child = node.folders.find((folder) => folder.name === segment);
      if (!child) {
        child = { kind: 'folder', path: node.path ? `${node.path}/${segment}` : segment, name: segment, folders: [], sites: [] };
        node.folders.push(child);
      }
      node = child;
    }
    return node;
  };
  for (const folder of folders) folderAt(folder);
  for (const site of sites) folderAt(site.folder).sites.push(site);
  const sortNode = (node: SiteFolderNode) => {
    node.folders.sort((a, b) => collator.compare(a.name, b.name));
    node.sites.sort((a, b) => collator.compare(a.name, b.name));
    node.folders.forEach(sortNode);
  };
  sortNode(root);
  return root;
}

/** The folder node at `path` (`''` is the root), or undefined when the tree has none. */
export function findFolder(root: SiteFolderNode, path: string): SiteFolderNode | undefined {
  let node: SiteFolderNode | undefined = root;
  for (const segment of folderSegments(path)) node = node?.folders.find((folder) => folder.name === segment);
  return node;
}

/** One visible row of the tree, in display order, for rendering and arrow-key navigation. */
export type SiteTreeRow =
  | { readonly kind: 'folder'; readonly key: string; readonly level: number; readonly node: SiteFolderNode; readonly expanded: boolean }
  | { readonly kind: 'site'; readonly key: string; readonly level: number; readonly site: SiteProfile };

/** Flattens the tree into rows; collapsed folders hide their contents. The root is level 1. */
export function visibleRows(root: SiteFolderNode, collapsed: ReadonlySet<string>): SiteTreeRow[] {
  const rows: SiteTreeRow[] = [];
  const walk = (node: SiteFolderNode, level: number) => {
    const expanded = !collapsed.has(node.path);
    rows.push({ kind: 'folder', key: `folder:${node.path}`, level, node, expanded });
    if (!expanded) return;
    node.folders.forEach((child) => walk(child, level + 1));
    node.sites.forEach((site) => rows.push({ kind: 'site', key: `site:${site.id}`, level: level + 1, site }));
  };
  walk(root, 1);
  return rows;
}

/** A name not yet used among `taken`: "New site", "New site 2"… */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.toLocaleLowerCase()));
  if (!used.has(base.toLocaleLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLocaleLowerCase())) return `${base} ${n}`;
}
