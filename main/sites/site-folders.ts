import { SluiceError } from '../../shared/errors';
import { maxFolderLength, type SiteProfile } from '../../shared/services/sites';
import { folderSegments, isWithinFolder, normalizeFolder } from '../../shared/site-folders';

/** What `sites.json` holds: the sites, and every folder of the Site Manager tree. */
export interface SitesData {
  readonly sites: SiteProfile[];
  readonly folders: string[];
}

/**
 * The folder list as it is written: the given folders, the sites' folders and every parent
 * of those, each once, sorted. Keeping the sites' folders too means a folder stays when its
 * last site moves out or is deleted, as in FileZilla; only deleting the folder removes it.
 */
export function completeFolders(folders: readonly string[], sites: readonly SiteProfile[]): string[] {
  const all = new Set<string>();
  for (const folder of [...folders, ...sites.map((site) => site.folder)]) {
    const names = folderSegments(folder);
    for (let depth = 1; depth <= names.length; depth++) all.add(names.slice(0, depth).join('/'));
  }
  return [...all].sort();
}

/** The data with `path` (and its parents) added. */
export function withFolder(data: SitesData, path: string): SitesData {
  return { sites: data.sites, folders: completeFolders([...data.folders, path], data.sites) };
}

/**
 * The data with folder `from` renamed or moved to `to`, the sites and folders inside it
 * along. Refuses a missing `from` (`not-found`), a taken `to` (`exists`, as FileZilla does:
 * no silent merge), a move into itself, and paths that would grow past the length cap.
 */
export function withFolderRenamed(data: SitesData, from: string, to: string): SitesData {
  const folders = completeFolders(data.folders, data.sites);
  if (!folders.includes(from)) throw new SluiceError('not-found', 'That folder no longer exists.');
  if (from === to) return data;
  if (folders.includes(to)) throw new SluiceError('exists', 'A folder with that name exists already.');
  if (isWithinFolder(to, from)) throw new SluiceError('invalid-argument', 'A folder cannot move into itself.');
  const moved = (folder: string) => (isWithinFolder(folder, from) ? to + folder.slice(from.length) : folder);
  const renamed = folders.map(moved);
  if (renamed.some((folder) => folder.length > maxFolderLength)) {
    throw new SluiceError('invalid-argument', `The folders inside would have paths longer than ${maxFolderLength} characters.`);
  }
  const inside = (site: SiteProfile) => isWithinFolder(normalizeFolder(site.folder), from);
  // The same list when no site moves: listeners then hear of the folders only.
  const sites = data.sites.some(inside) ? data.sites.map((site) => (inside(site) ? { ...site, folder: moved(normalizeFolder(site.folder)) } : site)) : data.sites;
  return { sites, folders: completeFolders(renamed, sites) };
}

/** The data without folder `path` and everything inside it, and the sites that went with it. */
export function withoutFolder(data: SitesData, path: string): { readonly data: SitesData; readonly removedSites: SiteProfile[] } {
  const folders = completeFolders(data.folders, data.sites);
  if (!folders.includes(path)) throw new SluiceError('not-found', 'That folder no longer exists.');
  const inside = (site: SiteProfile) => isWithinFolder(normalizeFolder(site.folder), path);
  const sites = data.sites.filter((site) => !inside(site));
  return {
    data: { sites, folders: completeFolders(folders.filter((folder) => !isWithinFolder(folder, path)), sites) },
    removedSites: data.sites.filter(inside),
  };
}
