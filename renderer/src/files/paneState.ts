import type { PaneEntry } from './entry';
import { sortEntries, type SortOrder } from './sort';

/**
 * The state of one file pane, whatever it shows. Selection and focus are kept by name,
 * not by index, so they survive sorting and refreshing.
 */
export interface PaneState {
  /** The folder shown; empty until the first listing arrives. */
  readonly path: string;
  readonly parent: string | null;
  /** Entries in display order. */
  readonly entries: readonly PaneEntry[];
  readonly indexByName: ReadonlyMap<string, number>;
  readonly sort: SortOrder;
  readonly selected: ReadonlySet<string>;
  /** Total bytes of the selected files; kept here because summing 100,000 rows per render would stall. */
  readonly selectedBytes: number;
  /** The row keyboard commands act on. */
  readonly focus: string | null;
  /** Where Shift+click and Shift+arrow ranges start. */
  readonly anchor: string | null;
  readonly loading: boolean;
  /** Why the last navigation failed, in words; shown next to the path bar. */
  readonly error: string | null;
}

/** The subset of the state that selection changes. */
export type SelectionPatch = Pick<PaneState, 'selected' | 'selectedBytes' | 'focus' | 'anchor'>;

/** An empty pane sorted by name. */
export function emptyPane(): PaneState {
  return {
    path: '',
    parent: null,
    entries: [],
    indexByName: new Map(),
    sort: { key: 'name', direction: 'ascending' },
    selected: new Set(),
    selectedBytes: 0,
    focus: null,
    anchor: null,
    loading: false,
    error: null,
  };
}

/** Sums the sizes of the selected files (folders have no meaningful size). */
export function bytesOf(entries: readonly PaneEntry[], indexByName: ReadonlyMap<string, number>, names: Iterable<string>): number {
  let total = 0;
  for (const name of names) {
    const index = indexByName.get(name);
    const entry = index === undefined ? undefined : entries[index];
    if (entry && entry.kind === 'file') total += entry.size;
  }
  return total;
}

function indexNames(entries: readonly PaneEntry[]): Map<string, number> {
  const map = new Map<string, number>();
  entries.forEach((entry, index) => map.set(entry.name, index));
  return map;
}

/**
 * Puts freshly listed (or re-sorted) entries in the pane. Selection, focus and anchor are
 * kept for names that still exist, so a refresh or a watcher event does not lose them.
 */
export function withEntries(
  unsorted: readonly PaneEntry[],
  sort: SortOrder,
  keep: { selected: Iterable<string>; focus: string | null; anchor: string | null },
): Pick<PaneState, 'entries' | 'indexByName' | 'sort' | keyof SelectionPatch> {
  const entries = sortEntries(unsorted, sort);
  const indexByName = indexNames(entries);
  const selected = new Set<string>();
  for (const name of keep.selected) if (indexByName.has(name)) selected.add(name);
  const focus = keep.focus !== null && indexByName.has(keep.focus) ? keep.focus : (entries[0]?.name ?? null);
  const anchor = keep.anchor !== null && indexByName.has(keep.anchor) ? keep.anchor : focus;
  return { entries, indexByName, sort, selected, selectedBytes: bytesOf(entries, indexByName, selected), focus, anchor };
}
