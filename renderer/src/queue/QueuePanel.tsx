import { useRef, type KeyboardEvent } from 'react';
import type { QueueView } from '../../../shared/services/transfers';
import { countFor } from '../store/queueSlice';
import { useAppStore } from '../store/StoreContext';
import { QueueList } from './QueueList';
import { QueueToolbar } from './QueueToolbar';
import { TotalBar } from './TotalBar';
import { tabIndexForKey } from '../shell/tabKeys';

const VIEWS: readonly { id: QueueView; label: string }[] = [
  { id: 'queued', label: 'Queued' },
  { id: 'failed', label: 'Failed' },
  { id: 'finished', label: 'Finished' },
];

const count = new Intl.NumberFormat();

/** The transfer queue: Queued / Failed / Finished tabs with counts, commands, the list and totals. */
export function QueuePanel() {
  const view = useAppStore((state) => state.queue.view);
  const summary = useAppStore((state) => state.queue.summary);
  const error = useAppStore((state) => state.queue.error);
  const { setView, clearError } = useAppStore((state) => state.queueActions);
  const tabRefs = useRef(new Map<QueueView, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const to = tabIndexForKey(event.key, VIEWS.findIndex((tab) => tab.id === view), VIEWS.length);
    if (to === undefined) return;
    event.preventDefault();
    // These tabs sit inside the bottom area's: their keys must not move those too.
    event.stopPropagation();
    const tab = VIEWS[to]!;
    setView(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  }

  return (
    <div className="queue-panel">
      <div className="queue-head">
        <div role="tablist" aria-label="Queue views" className="queue-tabs" onKeyDown={onKeyDown}>
          {VIEWS.map(({ id, label }) => {
            const n = summary ? countFor(summary, id) : 0;
            return (
              <button
                key={id}
                ref={(element) => {
                  if (element) tabRefs.current.set(id, element);
                }}
                type="button"
                role="tab"
                id={`queue-tab-${id}`}
                aria-selected={view === id}
                aria-controls="queue-view"
                tabIndex={view === id ? 0 : -1}
                className={`queue-tab${id === 'failed' && n > 0 ? ' has-failures' : ''}`}
                onClick={() => setView(id)}
              >
                {label}
                <span className="queue-count">{count.format(n)}</span>
              </button>
            );
          })}
        </div>
        <QueueToolbar />
      </div>
      {error && (
        <p className="queue-error" role="alert">
          {error}
          <button type="button" className="link-button" onClick={clearError}>
            Dismiss
          </button>
        </p>
      )}
      <div role="tabpanel" id="queue-view" aria-labelledby={`queue-tab-${view}`} className="queue-view">
        <QueueList />
      </div>
      <TotalBar />
    </div>
  );
}
