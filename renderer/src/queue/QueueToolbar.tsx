import { useEffect, useState, type FormEvent } from 'react';
import { ArrowDown, ArrowUp, Ban, Pause, Play, RotateCcw, Trash2 } from 'lucide-react';
import { useAppStore } from '../store/StoreContext';
import { parseSpeedLimit } from './queueFormat';

/** The queue's commands: pause/resume, cancel, retry, reorder, clear, and the speed limit. */
export function QueueToolbar() {
  const view = useAppStore((state) => state.queue.view);
  const paused = useAppStore((state) => state.queue.summary?.paused ?? false);
  const finished = useAppStore((state) => state.queue.summary?.finished ?? 0);
  const hasSelection = useAppStore((state) => state.queue.selected.size > 0);
  const actions = useAppStore((state) => state.queueActions);

  return (
    <div role="toolbar" aria-label="Queue commands" className="queue-toolbar">
      {paused ? (
        <button type="button" className="button button-small" onClick={() => void actions.resume()}>
          <Play size={13} strokeWidth={1.75} aria-hidden />
          Resume queue
        </button>
      ) : (
        <button type="button" className="button button-small" onClick={() => void actions.pause()}>
          <Pause size={13} strokeWidth={1.75} aria-hidden />
          Pause queue
        </button>
      )}
      {view === 'queued' && (
        <>
          {/* "Earlier"/"later", not "up"/"down": the panes' Up button keeps a name of its own. */}
          <button type="button" className="button button-small" disabled={!hasSelection} onClick={() => void actions.cancelSelected()}>
            <Ban size={13} strokeWidth={1.75} aria-hidden />
            Cancel selected
          </button>
          <button type="button" className="icon-button" aria-label="Move earlier" title="Move earlier in the queue" disabled={!hasSelection} onClick={() => void actions.moveSelected('up')}>
            <ArrowUp size={14} strokeWidth={1.75} aria-hidden />
          </button>
          <button type="button" className="icon-button" aria-label="Move later" title="Move later in the queue" disabled={!hasSelection} onClick={() => void actions.moveSelected('down')}>
            <ArrowDown size={14} strokeWidth={1.75} aria-hidden />
          </button>
        </>
      )}
      {view === 'failed' && (
        <button type="button" className="button button-small" disabled={!hasSelection} onClick={() => void actions.retrySelected()}>
          <RotateCcw size={13} strokeWidth={1.75} aria-hidden />
          Retry selected
        </button>
      )}
      <button type="button" className="button button-small" disabled={finished === 0} onClick={() => void actions.clearFinished()}>
        <Trash2 size={13} strokeWidth={1.75} aria-hidden />
        Clear finished
      </button>
      <SpeedLimitField />
    </div>
  );
}

/** KiB/s, applied on Enter or when the field loses focus; empty means unlimited. */
function SpeedLimitField() {
  const limit = useAppStore((state) => state.queue.summary?.speedLimit);
  const setSpeedLimit = useAppStore((state) => state.queueActions.setSpeedLimit);
  const shown = limit === undefined ? '' : String(Math.round(limit / 1024));
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  // The service's value wins once it answers (another window may have changed it).
  useEffect(() => setText(shown), [shown]);

  function apply(event?: FormEvent) {
    event?.preventDefault();
    const bytes = parseSpeedLimit(text);
    setInvalid(bytes === undefined);
    if (bytes !== undefined && text !== shown) void setSpeedLimit(bytes);
  }

  return (
    <form className="queue-speed" onSubmit={apply}>
      <label>
        Speed limit
        <input
          className="field-input queue-speed-input"
          inputMode="numeric"
          placeholder="Unlimited"
          value={text}
          aria-invalid={invalid}
          aria-describedby="queue-speed-unit"
          onChange={(event) => setText(event.target.value)}
          onBlur={() => apply()}
        />
      </label>
      <span id="queue-speed-unit" className="queue-speed-unit">
        {invalid ? 'Whole KiB/s, at least 1' : 'KiB/s'}
      </span>
    </form>
  );
}
