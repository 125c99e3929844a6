// The queue's progress on the taskbar or dock icon (issue 6: "the window title or taskbar
// shows overall progress"); the window title shows it too, for shells without a taskbar.
import type { BrowserWindow, ProgressBarOptions } from 'electron';
import type { Unsubscribe } from '../../shared/contract/service';
import type { QueueSummary, TransfersService } from '../../shared/services/transfers';

/** What BrowserWindow.setProgressBar is given: -1 removes the bar; above 1 is indeterminate. */
export interface TaskbarProgress {
  readonly progress: number;
  readonly mode: ProgressBarOptions['mode'];
}

/** The bar for a queue summary: none when nothing waits, paused or red when the queue says so. */
export function taskbarProgress(summary: QueueSummary): TaskbarProgress {
  if (summary.queued + summary.active === 0) return { progress: -1, mode: 'none' };
  // Folders still being walked have no byte total yet: show activity, not a made-up fraction.
  if (summary.bytesTotal <= 0) return { progress: 2, mode: summary.paused ? 'paused' : 'indeterminate' };
  const progress = Math.min(1, Math.max(0, summary.bytesDone / summary.bytesTotal));
  if (summary.paused) return { progress, mode: 'paused' };
  return { progress, mode: summary.failed > 0 ? 'error' : 'normal' };
}

/** Keeps the window's taskbar bar in step with the queue until the returned function is called. */
export function showQueueProgress(
  transfers: Pick<TransfersService, 'onDidChangeSummary'>,
  window: Pick<BrowserWindow, 'setProgressBar' | 'isDestroyed'>,
): Unsubscribe {
  let shown: TaskbarProgress | undefined;
  return transfers.onDidChangeSummary((summary) => {
    if (window.isDestroyed()) return;
    const next = taskbarProgress(summary);
    // Summaries come several times a second; the taskbar only needs to hear of a visible change.
    if (shown !== undefined && shown.mode === next.mode && Math.abs(shown.progress - next.progress) < 0.005) return;
    shown = next;
    window.setProgressBar(next.progress, { mode: next.mode });
  });
}
