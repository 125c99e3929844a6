import { useCallback, useState, type DragEvent } from 'react';
import type { PaneEntry } from '../files/entry';
import type { PaneState } from '../files/paneState';
import { selectedInOrder } from '../files/selection';
import type { PaneActions } from '../files/paneController';
import { dragSession, setCountDragImage } from './dragSession';
import { ENTRIES_MIME, parsePayload, type DragPayload } from './dropRules';
import { droppedOsFiles } from './osFiles';
import type { PaneDragDrop } from './paneDragDrop';

/** Where a drag hovers and whether it may drop there; -1 is the pane's background. */
export interface DropHint {
  readonly index: number;
  readonly allowed: boolean;
  readonly text: string;
}

const rowIndexOf = (target: EventTarget): number => {
  const row = (target as Element).closest<HTMLElement>('[data-index]');
  return row ? Number(row.dataset.index) : -1;
};

/** What is being dragged over us: our own entries, system files, or something we ignore. */
function draggedPayload(event: DragEvent): DragPayload | 'os-files' | null {
  const types = Array.from(event.dataTransfer.types);
  if (types.includes(ENTRIES_MIME)) return dragSession.current();
  if (types.includes('Files')) return 'os-files';
  return null;
}

/**
 * Drag and drop for a file grid: rows drag out the selection (or the row under the pointer),
 * and the grid takes drops on folder rows or its background. The hint drives the highlight;
 * it changes only when the hovered target or the verdict does, not on every dragover.
 */
export function useGridDragDrop(
  dnd: PaneDragDrop | undefined,
  entries: readonly PaneEntry[],
  read: () => PaneState,
  actions: PaneActions,
) {
  const [hint, setHint] = useState<DropHint | null>(null);
  const show = useCallback((next: DropHint | null) => {
    setHint((current) =>
      current?.index === next?.index && current?.allowed === next?.allowed && current?.text === next?.text ? current : next,
    );
  }, []);

  if (!dnd) return { hint: null, handlers: {} };

  function onDragStart(event: DragEvent<HTMLElement>) {
    const index = rowIndexOf(event.target);
    const entry = entries[index];
    if (!dnd || !entry) return event.preventDefault();
    // Dragging an unselected row drags that row alone and selects it, as file managers do.
    if (!read().selected.has(entry.name)) actions.select(index);
    const payload = dnd.payload(read().selected.has(entry.name) ? selectedInOrder(read()) : [entry.name]);
    if (!payload) return event.preventDefault();
    dragSession.start(payload);
    event.dataTransfer.effectAllowed = 'copyMove';
    event.dataTransfer.setData(ENTRIES_MIME, JSON.stringify(payload));
    event.dataTransfer.setData('text/plain', payload.sources.map((source) => source.path).join('\n'));
    setCountDragImage(event.dataTransfer, payload);
  }

  function onDragOver(event: DragEvent<HTMLElement>) {
    const payload = draggedPayload(event);
    if (!dnd || payload === null) return;
    // Handled either way: a refused target shows the "not allowed" cursor, not the browser's default.
    event.preventDefault();
    const index = rowIndexOf(event.target);
    const decision = dnd.decide(payload, entries[index]);
    if (decision.kind === 'refused') {
      event.dataTransfer.dropEffect = 'none';
      return show({ index, allowed: false, text: decision.reason });
    }
    event.dataTransfer.dropEffect = decision.kind === 'move' ? 'move' : 'copy';
    const verb = decision.kind === 'upload' ? 'Upload to' : decision.kind === 'download' ? 'Download to' : 'Move to';
    show({ index, allowed: true, text: `${verb} ${decision.targetFolder}` });
  }

  function onDragLeave(event: DragEvent<HTMLElement>) {
    // Leaving a row for another row of the grid is not leaving the grid.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    show(null);
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    const payload = draggedPayload(event);
    show(null);
    if (!dnd || payload === null) return;
    event.preventDefault();
    const own = payload === 'os-files' ? null : (parsePayload(event.dataTransfer.getData(ENTRIES_MIME)) ?? payload);
    const decision = dnd.decide(own ?? 'os-files', entries[rowIndexOf(event.target)]);
    if (decision.kind === 'refused') return;
    const sources = own ? own.sources : droppedOsFiles(event.dataTransfer);
    if (sources.length > 0) dnd.drop(decision, sources);
  }

  const onDragEnd = () => {
    dragSession.end();
    show(null);
  };

  return { hint, handlers: { onDragStart, onDragOver, onDragLeave, onDrop, onDragEnd } };
}
