import { formatSize, plural } from './format';
import type { PaneSource } from './paneSource';

/** "N items · N selected · size of the selection", announced politely as it changes. */
export function StatusLine({ source }: { source: PaneSource }) {
  const count = source.useSelect((pane) => pane.entries.length);
  const selectedCount = source.useSelect((pane) => pane.selected.size);
  const selectedBytes = source.useSelect((pane) => pane.selectedBytes);
  const loading = source.useSelect((pane) => pane.loading);
  const progress = (source.useProgress ?? noProgress)();
  return (
    <div className="status-line" role="status" aria-label={`${source.label} status`}>
      <span>{plural(count, 'item')}</span>
      {selectedCount > 0 && (
        <>
          <span className="status-sep" aria-hidden>
            ·
          </span>
          <span>{selectedCount.toLocaleString()} selected</span>
          <span className="status-sep" aria-hidden>
            ·
          </span>
          <span>{formatSize(selectedBytes)}</span>
        </>
      )}
      {loading && <span className="status-loading">{progress ?? 'Loading…'}</span>}
    </div>
  );
}

function noProgress(): string | null {
  return null;
}
