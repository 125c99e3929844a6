import { describe, expect, it } from 'vitest';
import type { TransferItem, TransferStatus } from '../../../shared/services/transfers';
import { applyBatch, itemAt, loadedIds, missingPages, viewOf, withPage, type Pages } from '../../../renderer/src/queue/queuePages';

const item = (id: string, status: TransferStatus = 'queued', bytesDone = 0): TransferItem => ({
  id,
  direction: 'upload',
  kind: 'file',
  localPath: `/l/${id}`,
  remotePath: `/r/${id}`,
  server: { host: 'h', port: 21, user: 'u' },
  size: 100,
  bytesDone,
  status,
  attempts: 0,
  addedAt: 0,
});

const pagesOf = (...pages: [number, TransferItem[]][]): Pages => new Map(pages);

describe('queue pages', () => {
  it('groups statuses into the three tabs as the service does', () => {
    expect(['queued', 'expanding', 'active'].map((s) => viewOf(s as TransferStatus))).toEqual(['queued', 'queued', 'queued']);
    expect(viewOf('failed')).toBe('failed');
    expect(viewOf('cancelled')).toBe('failed');
    expect(viewOf('done')).toBe('finished');
    expect(viewOf('skipped')).toBe('finished');
  });

  it('asks only for the missing pages of the visible rows, within the total', () => {
    const pages = pagesOf([0, [item('a')]]);
    expect(missingPages(pages, 0, 450, 10_000, 200)).toEqual([1, 2]);
    expect(missingPages(pages, 150, 190, 10_000, 200)).toEqual([]);
    expect(missingPages(pages, 0, 9_999, 300, 200)).toEqual([1]);
    expect(missingPages(new Map(), 0, 10, 0, 200)).toEqual([]);
  });

  it('keeps at most a few pages, dropping the farthest from the one just loaded', () => {
    let pages: Pages = new Map();
    for (let page = 0; page < 6; page++) pages = withPage(pages, page, [item(`p${page}`)], 4);
    expect([...pages.keys()].sort()).toEqual([2, 3, 4, 5]);
    pages = withPage(pages, 0, [item('p0')], 4);
    expect([...pages.keys()].sort()).toEqual([0, 2, 3, 4]);
  });

  it('finds an item by row across pages', () => {
    const pages = pagesOf([0, [item('a'), item('b')]], [1, [item('c')]]);
    expect(itemAt(pages, 1, 2)?.id).toBe('b');
    expect(itemAt(pages, 2, 2)?.id).toBe('c');
    expect(itemAt(pages, 4, 2)).toBeUndefined();
  });

  it('patches progress in place and leaves untouched pages as they were', () => {
    const first = [item('a'), item('b')];
    const second = [item('c')];
    const pages = pagesOf([0, first], [1, second]);
    const { pages: next, stale } = applyBatch(pages, 'queued', [item('b', 'active', 50)]);
    expect(stale).toBe(false);
    expect(next.get(0)![1]!.bytesDone).toBe(50);
    expect(next.get(0)![0]).toBe(first[0]);
    expect(next.get(1)).toBe(second);
    // A batch about items not loaded and not of this tab changes nothing at all.
    expect(applyBatch(pages, 'queued', [item('z', 'done')])).toEqual({ pages, stale: false });
  });

  it('marks the pages stale when an item leaves the tab or a new one joins it', () => {
    const pages = pagesOf([0, [item('a'), item('b')]]);
    expect(applyBatch(pages, 'queued', [item('a', 'done')]).stale).toBe(true);
    expect(applyBatch(pages, 'queued', [item('new')]).stale).toBe(true);
    // A file that just finished joins the Finished tab somewhere in its order.
    expect(applyBatch(pagesOf([0, [item('x', 'done')]]), 'finished', [item('a', 'done')]).stale).toBe(true);
  });

  it('lists the selected ids that are loaded, in row order', () => {
    const pages = pagesOf([1, [item('c'), item('d')]], [0, [item('a'), item('b')]]);
    expect(loadedIds(pages, new Set(['d', 'a', 'gone']))).toEqual(['a', 'd']);
  });
});
