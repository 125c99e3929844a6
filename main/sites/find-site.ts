import { SluiceError } from '../../shared/errors';
import type { SiteProfile } from '../../shared/services/sites';

/**
 * The site a person named on a command line: by id first (ids are unambiguous), else by
 * name; two sites with that name are an error that asks for the id.
 */
export function findSite(sites: readonly SiteProfile[], nameOrId: string): SiteProfile {
  const byId = sites.find((site) => site.id === nameOrId);
  if (byId) return byId;
  const byName = sites.filter((site) => site.name === nameOrId);
  if (byName.length === 1) return byName[0]!;
  if (byName.length === 0) throw new SluiceError('not-found', `No saved site is called "${nameOrId}".`);
  throw new SluiceError('invalid-argument', `${byName.length} sites are called "${nameOrId}": name one by its id (${byName.map((site) => site.id).join(', ')}).`);
}

/** "Copy of NAME", numbered when that name is taken in the same folder, as file managers do. */
export function copyName(sites: readonly SiteProfile[], original: SiteProfile): string {
  const taken = new Set(sites.filter((site) => site.folder === original.folder).map((site) => site.name));
  // The schema caps names at 200 characters; leave room for the prefix and a number.
  const base = `Copy of ${original.name}`.slice(0, 190);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
