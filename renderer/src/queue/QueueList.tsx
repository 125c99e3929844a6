import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../store/StoreContext';
import { itemAt } from './queuePages';
import { QUEUE_ROW_HEIGHT, QueueRow } from './QueueRow';

const HEADER_HEIGHT = 22;
const COLUMNS = ['', 'Local', 'Remote', 'Size', 'Progress', 'Speed', 'Time left', 'Status'] as const;

const VIEW_NAMES = { queued: 'Queued transfers', failed: 'Failed transfers', finished: 'Finished transfers' } as const;

/**
 * The items of one tab, virtualized over the tab's total: only rows on screen are in the
 * DOM, and only their pages are fetched (as the person scrolls).
 */
export function QueueList() {
  const view = useAppStore((state) => state.queue.view);
  const total = useAppStore((state) => state.queue.total);
  const pages = useAppStore((state) => state.queue.pages);
  const selected = useAppStore((state) => state.queue.selected);
  const { showRange, select } = useAppStore((state) => state.queueActions);
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    overscan: 10,
    // The sticky column header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => showRange(first, last), [first, last, showRange]);
  useEffect(() => scroller.current?.scrollTo({ top: 0 }), [view]);

  function onClick(event: MouseEvent) {
    const row = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (row) select(Number(row.dataset.index), { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / QUEUE_ROW_HEIGHT));
      scroller.current?.scrollBy({ top: (event.key === 'PageDown' ? page : -page) * QUEUE_ROW_HEIGHT });
    }
  }

  if (total === 0) return <p className="empty-text queue-empty">{view === 'queued' ? 'No transfers queued.' : view === 'failed' ? 'No failed transfers.' : 'No finished transfers.'}</p>;
  return (
    <div
      ref={scroller}
      role="grid"
      aria-label={VIEW_NAMES[view]}
      aria-rowcount={total + 1}
      aria-multiselectable
      tabIndex={0}
      className="queue-list"
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="queue-head-row">
        <div role="row" className="queue-row queue-columns" aria-rowindex={1}>
          {COLUMNS.map((name, at) => (
            <div key={at} role="columnheader" className="queue-cell">
              {name}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="queue-body" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = itemAt(pages, row.index);
          return <QueueRow key={item?.id ?? `placeholder-${row.index}`} item={item} index={row.index} top={row.start - HEADER_HEIGHT} selected={item ? selected.has(item.id) : false} />;
        })}
      </div>
    </div>
  );
}
