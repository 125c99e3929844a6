import type { QueueView, TransferItem, TransferStatus } from '../../../shared/services/transfers';

/**
 * The queue panel holds only the pages of one tab that are near the screen; these pure
 * functions load, patch and evict them. A 10,000-item queue is never held whole.
 */

/** Items fetched per `list` call. */
export const PAGE_SIZE = 200;
/** Pages kept around; older ones are dropped and fetched again when scrolled back to. */
export const MAX_PAGES = 8;

/** The pages of one tab: page number → its items, in queue order. */
export type Pages = ReadonlyMap<number, readonly TransferItem[]>;

/** Which tab an item shows under (the service's own grouping). */
export function viewOf(status: TransferStatus): QueueView {
  switch (status) {
    case 'queued':
    case 'expanding':
    case 'active':
      return 'queued';
    case 'failed':
    case 'cancelled':
      return 'failed';
    case 'done':
    case 'skipped':
      return 'finished';
  }
}

/** Page numbers covering rows `from`..`to` (inclusive) that are not loaded yet. */
export function missingPages(pages: Pages, from: number, to: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0 || to < from) return [];
  const last = Math.min(to, total - 1);
  const missing: number[] = [];
  for (let page = Math.floor(Math.max(0, from) / pageSize); page <= Math.floor(last / pageSize); page++) {
    if (!pages.has(page)) missing.push(page);
  }
  return missing;
}

/** Adds a fetched page, dropping the pages farthest from it beyond `MAX_PAGES`. */
export function withPage(pages: Pages, page: number, items: readonly TransferItem[], maxPages = MAX_PAGES): Pages {
  const next = new Map(pages);
  next.set(page, items);
  if (next.size > maxPages) {
    const byDistance = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const far of byDistance.slice(0, next.size - maxPages)) next.delete(far);
  }
  return next;
}

/** The item at a row, if its page is loaded. */
export function itemAt(pages: Pages, index: number, pageSize = PAGE_SIZE): TransferItem | undefined {
  return pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

/**
 * Applies a batch of changed items to the loaded pages of `view`. Items that stay in the
 * tab are patched in place (progress, rate); an item that left the tab, or a new one that
 * belongs to it, shifts rows, so the pages are `stale` and must be fetched again.
 * Unchanged pages keep their identity, so rows that did not change do not re-render.
 */
export function applyBatch(pages: Pages, view: QueueView, batch: readonly TransferItem[]): { pages: Pages; stale: boolean } {
  const changed = new Map(batch.map((item) => [item.id, item] as const));
  const seen = new Set<string>();
  let stale = false;
  let next: Map<number, readonly TransferItem[]> | null = null;
  for (const [page, items] of pages) {
    let patched: TransferItem[] | null = null;
    items.forEach((item, at) => {
      const update = changed.get(item.id);
      if (!update) return;
      seen.add(item.id);
      if (viewOf(update.status) !== view) {
        stale = true;
        return;
      }
      patched ??= [...items];
      patched[at] = update;
    });
    if (patched) {
      next ??= new Map(pages);
      next.set(page, patched);
    }
  }
  // A new item of this tab (or one coming back, e.g. retried) lands somewhere in its order.
  if (batch.some((item) => !seen.has(item.id) && viewOf(item.status) === view)) stale = true;
  return { pages: next ?? pages, stale };
}

/** The ids in `selected` that are still loaded, in row order (what toolbar commands act on). */
export function loadedIds(pages: Pages, selected: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  for (const page of [...pages.keys()].sort((a, b) => a - b)) {
    for (const item of pages.get(page)!) if (selected.has(item.id)) ids.push(item.id);
  }
  return ids;
}
