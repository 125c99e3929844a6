import { kindLabel, opensAsFolder, type PaneEntry } from './entry';

/** The columns a pane sorts by. */
export type SortKey = 'name' | 'size' | 'modified' | 'kind';
export type SortDirection = 'ascending' | 'descending';

/** How a pane is sorted; direction uses ARIA's words so `aria-sort` can take it as is. */
export interface SortOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

// Numeric collation puts "file2" before "file10", as people expect.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The next order after a click on a column header: same column flips, a new one starts ascending. */
export function toggleSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}

/**
 * Returns a sorted copy. Folders always come first, whatever the direction; folder
 * sizes mean nothing to a person, so among folders "size" falls back to the name.
 */
export function sortEntries(entries: readonly PaneEntry[], order: SortOrder): PaneEntry[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  // Decorate once: kind labels and folder flags would otherwise be recomputed n·log n times.
  const decorated = entries.map((entry) => ({
    entry,
    folder: opensAsFolder(entry),
    kind: order.key === 'kind' ? kindLabel(entry) : '',
  }));
  decorated.sort((a, b) => {
    if (a.folder !== b.folder) return a.folder ? -1 : 1;
    const byName = collator.compare(a.entry.name, b.entry.name);
    let primary = 0;
    switch (order.key) {
      case 'name':
        primary = byName;
        break;
      case 'size':
        primary = a.folder ? byName : a.entry.size - b.entry.size;
        break;
      case 'modified':
        primary = (a.entry.modified ?? 0) - (b.entry.modified ?? 0);
        break;
      case 'kind':
        primary = collator.compare(a.kind, b.kind);
        break;
    }
    return sign * (primary !== 0 ? primary : byName);
  });
  return decorated.map((item) => item.entry);
}
