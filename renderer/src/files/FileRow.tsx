import { memo } from 'react';
import { TriangleAlert } from 'lucide-react';
import type { PaneEntry } from './entry';
import { kindLabel } from './entry';
import { EntryIcon } from './EntryIcon';
import { formatDate, formatFullDate, formatSize } from './format';
import { ROW_HEIGHT } from './paneSource';

interface FileRowProps {
  readonly id: string;
  readonly entry: PaneEntry;
  readonly index: number;
  /** Offset from the top of the list body, from the virtualizer. */
  readonly top: number;
  readonly selected: boolean;
  readonly focused: boolean;
  /** Rows drag out the selection when the pane takes part in drag and drop. */
  readonly draggable?: boolean;
  /** A drag hovers this row: may it drop here? */
  readonly dropHint?: 'allowed' | 'refused';
}

/** One virtual row. Memoized: a selection change re-renders only the rows it touches. */
export const FileRow = memo(function FileRow({ id, entry, index, top, selected, focused, draggable, dropHint }: FileRowProps) {
  const hintClass = dropHint === 'allowed' ? ' is-drop-target' : dropHint === 'refused' ? ' is-drop-refused' : '';
  const className = `grid-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}${hintClass}`;
  return (
    <div
      id={id}
      role="row"
      className={className}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      draggable={draggable}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell-name" title={entry.linkTarget !== undefined ? `${entry.name} → ${entry.linkTarget}` : entry.name}>
        <EntryIcon entry={entry} />
        <span className="cell-text">{entry.name}</span>
        {entry.linkTarget !== undefined && <span className="cell-link">→ {entry.linkTarget}</span>}
        {entry.warning !== undefined && (
          <span className="cell-warning" role="img" aria-label={`Unsafe name: ${entry.warning}`} title={`Unsafe name: ${entry.warning}`}>
            <TriangleAlert size={13} strokeWidth={2} aria-hidden />
          </span>
        )}
      </div>
      <div role="gridcell" className="cell cell-size">
        {entry.kind === 'file' ? formatSize(entry.size) : ''}
      </div>
      <div role="gridcell" className="cell cell-modified" title={formatFullDate(entry.modified)}>
        {formatDate(entry.modified)}
      </div>
      <div role="gridcell" className="cell cell-kind">
        {kindLabel(entry)}
      </div>
    </div>
  );
});
