import type { QueueView } from '../../../shared/services/transfers';
import { countFor } from '../store/queueSlice';
import { useAppStore } from '../store/StoreContext';
import { QueueList } from './QueueList';
import { QueueToolbar } from './QueueToolbar';
import { TotalBar } from './TotalBar';
import { TabList } from '../shell/TabList';

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

  return (
    <div className="queue-panel">
      <div className="queue-head">
        <TabList
          label="Queue views"
          className="queue-tabs"
          tabs={VIEWS.map(({ id, label }) => {
            const n = summary ? countFor(summary, id) : 0;
            return {
              id,
              className: `queue-tab${id === 'failed' && n > 0 ? ' has-failures' : ''}`,
              content: (
                <>
                  {label}
                  <span className="queue-count">{count.format(n)}</span>
                </>
              ),
            };
          })}
          current={view}
          onSelect={setView}
          tabId={(id) => `queue-tab-${id}`}
          panelId={() => 'queue-view'}
          // These tabs sit inside the bottom area's: their keys must not move those too.
          isolateKeys
        />
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
