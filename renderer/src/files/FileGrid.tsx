import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FileRow } from './FileRow';
import { GridHeader } from './GridHeader';
import { gridCommand, type GridCommand, type MoveTarget } from './gridKeys';
import { HEADER_HEIGHT, ROW_HEIGHT, type PaneSource } from './paneSource';
import { indexOf } from './selection';
import type { PaneState } from './paneState';
import { useGridDragDrop } from '../dnd/useGridDragDrop';

/** Where a context menu should open, in viewport pixels. */
export interface MenuPoint {
  readonly x: number;
  readonly y: number;
}

interface FileGridProps {
  readonly source: PaneSource;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  readonly onMenu: (point: MenuPoint) => void;
}

// Type-ahead: keys typed within this many milliseconds extend the search text.
const TYPE_AHEAD_MS = 800;

/**
 * The file list as an ARIA grid: one tab stop, rows announced through
 * aria-activedescendant, and only the visible rows (plus overscan) in the DOM.
 */
export function FileGrid({ source, gridRef, onMenu }: FileGridProps) {
  const { actions } = source;
  const entries = source.useSelect((pane) => pane.entries);
  const selected = source.useSelect((pane) => pane.selected);
  const focus = source.useSelect((pane) => pane.focus);
  const sort = source.useSelect((pane) => pane.sort);
  const loading = source.useSelect((pane) => pane.loading);
  const path = source.useSelect((pane) => pane.path);
  const indexByName = source.useSelect((pane) => pane.indexByName);
  const typed = useRef({ text: '', at: 0 });
  const { hint, handlers: dropHandlers } = useGridDragDrop(source.dragDrop, entries, source.read, actions);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    useFlushSync: false,
  });

  const focusIndex = focus === null ? -1 : (indexByName.get(focus) ?? -1);
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);
  // A new folder starts at the top.
  useEffect(() => {
    gridRef.current?.scrollTo({ top: 0 });
  }, [path, gridRef]);

  const rowId = (index: number) => `${source.id}-row-${index}`;
  const items = virtualizer.getVirtualItems();
  const focusRendered = items.some((item) => item.index === focusIndex);

  function pageSize(): number {
    const height = gridRef.current?.clientHeight ?? ROW_HEIGHT * 10;
    return Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  }

  function targetIndex(state: PaneState, to: MoveTarget): number {
    const current = indexOf(state, state.focus);
    switch (to) {
      case 'previous':
        return current < 0 ? 0 : current - 1;
      case 'next':
        return current + 1;
      case 'page-up':
        return current - pageSize();
      case 'page-down':
        return current + pageSize();
      case 'first':
        return 0;
      case 'last':
        return state.entries.length - 1;
    }
  }

  function menuPointAtFocus(): MenuPoint {
    const row = document.getElementById(rowId(focusIndex));
    const box = (row ?? gridRef.current)?.getBoundingClientRect();
    return box ? { x: box.left + 24, y: box.top + (row ? box.height : HEADER_HEIGHT) } : { x: 0, y: 0 };
  }

  function typeAhead(state: PaneState, text: string) {
    const now = Date.now();
    const buffer = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + text : text;
    typed.current = { text: buffer, at: now };
    const needle = buffer.toLocaleLowerCase();
    const start = Math.max(0, indexOf(state, state.focus));
    // A fresh single key moves on to the next match, so repeating a letter cycles through names.
    const offset = buffer.length === 1 ? 1 : 0;
    for (let step = 0; step < state.entries.length; step++) {
      const index = (start + offset + step) % state.entries.length;
      if (state.entries[index]!.name.toLocaleLowerCase().startsWith(needle)) return actions.select(index);
    }
  }

  function run(command: GridCommand, state: PaneState) {
    switch (command.kind) {
      case 'move': {
        const index = targetIndex(state, command.to);
        if (command.focusOnly) return actions.focus(index);
        return actions.select(index, { range: command.extend });
      }
      case 'toggle':
        return actions.select(indexOf(state, state.focus), { toggle: true });
      case 'open':
        return state.focus !== null ? void actions.activate(state.focus) : undefined;
      case 'up':
        return void actions.up();
      case 'rename':
        return actions.requestRename();
      case 'delete':
        return actions.requestDelete();
      case 'refresh':
        return void actions.refresh();
      case 'select-all':
        return actions.selectAll();
      case 'menu':
        return onMenu(menuPointAtFocus());
      case 'new-folder':
        return actions.requestNewFolder();
      case 'clear':
        return actions.selectNone();
      case 'type':
        return typeAhead(state, command.text);
      case 'transfer':
        // Ctrl+U uploads from the local pane, Ctrl+D downloads from the remote one; the other key does nothing there.
        if (source.dragDrop && (command.direction === 'upload') === (source.dragDrop.pane === 'local')) {
          source.dragDrop.transferSelection(command.start);
        }
        return;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed on a header button belong to that button.
    if (event.target !== event.currentTarget) return;
    const command = gridCommand(event);
    if (!command) return;
    event.preventDefault();
    // Commands read the state as it is now, not as it was at the last render.
    run(command, source.read());
  }

  function rowIndexAt(event: MouseEvent): number {
    const row = (event.target as Element).closest<HTMLElement>('[data-index]');
    return row ? Number(row.dataset.index) : -1;
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    if ((event.target as Element).closest('.grid-head')) return;
    const index = rowIndexAt(event);
    if (index < 0) return actions.selectNone();
    actions.select(index, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
  }

  function onDoubleClick(event: MouseEvent<HTMLDivElement>) {
    const entry = entries[rowIndexAt(event)];
    if (entry) void actions.activate(entry.name);
  }

  function onContextMenu(event: MouseEvent<HTMLDivElement>) {
    event.preventDefault();
    // A context menu raised from the keyboard targets the grid itself: open it at the focused row.
    if (event.target === event.currentTarget) return onMenu(menuPointAtFocus());
    if ((event.target as Element).closest('.grid-head')) return;
    const index = rowIndexAt(event);
    const name = entries[index]?.name;
    // Right-click on an unselected row selects it alone; on a selected row the selection stays.
    if (name === undefined) actions.selectNone();
    else if (!selected.has(name)) actions.select(index);
    onMenu({ x: event.clientX, y: event.clientY });
  }

  const backgroundHint = hint?.index === -1 ? (hint.allowed ? ' is-drop-target' : ' is-drop-refused') : '';
  return (
    <>
    <div
      ref={gridRef}
      role="grid"
      className={`grid${loading ? ' is-loading' : ''}${backgroundHint}`}
      aria-label={`${source.label} files`}
      aria-multiselectable
      aria-rowcount={entries.length + 1}
      aria-colcount={4}
      aria-busy={loading}
      // The folder whose listing is on screen (the path bar may hold text being typed).
      data-folder={path}
      aria-activedescendant={focusRendered ? rowId(focusIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
      {...dropHandlers}
    >
      <GridHeader sort={sort} onSort={actions.sortBy} />
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          return (
            <FileRow
              key={entry.name}
              id={rowId(item.index)}
              entry={entry}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={selected.has(entry.name)}
              focused={item.index === focusIndex}
              draggable={source.dragDrop !== undefined}
              dropHint={hint?.index === item.index ? (hint.allowed ? 'allowed' : 'refused') : undefined}
            />
          );
        })}
      </div>
    </div>
    {hint && (
      <p className={`drop-hint${hint.allowed ? '' : ' is-refused'}`} role="status" aria-label="Drop">
        {hint.text}
      </p>
    )}
    </>
  );
}
