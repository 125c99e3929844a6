import type { RemoteEntry } from '../../../shared/remote-entry';
import type { RemoteListing } from '../../../shared/services/session';
import type { PaneEntry } from '../files/entry';
import type { FolderListing } from '../files/paneController';
import { joinRemote } from './remotePath';

/**
 * Adapts a server's entry to the shape every pane shows. A symlink's target kind is
 * left unknown on purpose: remote links are displayed, never followed (rule 17).
 */
export function toPaneEntry(folder: string, entry: RemoteEntry): PaneEntry {
  return {
    name: entry.name,
    path: joinRemote(folder, entry.name),
    kind: entry.kind,
    size: entry.size ?? 0,
    modified: entry.modified ?? null,
    ...(entry.linkTarget !== undefined && { linkTarget: entry.linkTarget }),
    ...(entry.unsafe !== undefined && { warning: entry.unsafe }),
    ...(entry.permissions !== undefined && { permissions: entry.permissions }),
    ...(entry.mode !== undefined && { mode: entry.mode }),
    ...(entry.owner !== undefined && { owner: entry.owner }),
    ...(entry.group !== undefined && { group: entry.group }),
  };
}

/** A remote listing in the pane's terms. */
export function toFolderListing(listing: RemoteListing): FolderListing {
  return {
    path: listing.path,
    parent: listing.parent,
    entries: listing.entries.map((entry) => toPaneEntry(listing.path, entry)),
  };
}
