import { memo } from 'react';
import { ArrowDownToLine, ArrowUpFromLine, Folder } from 'lucide-react';
import type { TransferItem } from '../../../shared/services/transfers';
import { formatSize } from '../files/format';
import { describeError } from '../files/errors';
import { baseName, formatEta, formatRate, itemEta, percent, statusLabel } from './queueFormat';

/** Height of one queue row in CSS pixels (the virtualizer needs it as a number). */
export const QUEUE_ROW_HEIGHT = 26;

interface QueueRowProps {
  readonly item: TransferItem | undefined;
  readonly index: number;
  readonly top: number;
  readonly selected: boolean;
}

/** One transfer. Memoized: a progress batch re-renders only the rows whose item changed. */
export const QueueRow = memo(function QueueRow({ item, index, top, selected }: QueueRowProps) {
  const style = { height: QUEUE_ROW_HEIGHT, transform: `translateY(${top}px)` };
  if (!item) {
    // The page is on its way; the row keeps its place so the scrollbar does not jump.
    return (
      <div role="row" className="queue-row is-placeholder" aria-rowindex={index + 2} data-index={index} style={style}>
        <div role="gridcell" className="queue-cell">Loading…</div>
      </div>
    );
  }
  const upload = item.direction === 'upload';
  const Direction = upload ? ArrowUpFromLine : ArrowDownToLine;
  const done = item.status === 'done';
  const value = percent(item.bytesDone, item.size, done);
  const error = item.error ? describeError(item.error) : '';
  const status = error ? `${statusLabel(item.status)}: ${error}` : statusLabel(item.status);
  const local = baseName(item.localPath);
  const remote = baseName(item.remotePath);
  return (
    <div
      role="row"
      className={`queue-row status-${item.status}${selected ? ' is-selected' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-id={item.id}
      style={style}
    >
      <div role="gridcell" className="queue-cell queue-direction" title={upload ? 'Upload' : 'Download'}>
        <Direction size={14} strokeWidth={1.75} aria-label={upload ? 'Upload' : 'Download'} role="img" />
        {item.kind === 'folder' && <Folder size={13} strokeWidth={1.75} aria-label="Folder" role="img" className="queue-folder" />}
      </div>
      <div role="gridcell" className="queue-cell queue-name" title={item.localPath}>
        {local}
      </div>
      <div role="gridcell" className="queue-cell queue-name" title={item.remotePath}>
        {remote}
      </div>
      <div role="gridcell" className="queue-cell queue-size">
        {item.size !== undefined ? formatSize(item.size) : ''}
      </div>
      <div role="gridcell" className="queue-cell queue-progress">
        <div
          role="progressbar"
          aria-label={`${upload ? 'Uploading' : 'Downloading'} ${local}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={value}
          className="progress"
        >
          <div className="progress-fill" style={{ width: `${value}%` }} />
        </div>
      </div>
      <div role="gridcell" className="queue-cell queue-rate">
        {item.status === 'active' ? formatRate(item.rate) : ''}
      </div>
      <div role="gridcell" className="queue-cell queue-eta">
        {item.status === 'active' ? formatEta(itemEta(item)) : ''}
      </div>
      <div role="gridcell" className={`queue-cell queue-status${error ? ' has-error' : ''}`} title={status}>
        {status}
        {item.attempts > 1 && item.status !== 'done' ? ` (attempt ${item.attempts})` : ''}
      </div>
    </div>
  );
});
