import { memo } from 'react';
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
}

/** One virtual row. Memoized: a selection change re-renders only the rows it touches. */
export const FileRow = memo(function FileRow({ id, entry, index, top, selected, focused }: FileRowProps) {
  const className = `grid-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`;
  return (
    <div
      id={id}
      role="row"
      className={className}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell-name" title={entry.name}>
        <EntryIcon entry={entry} />
        <span className="cell-text">{entry.name}</span>
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
