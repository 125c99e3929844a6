import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../../shared/services/transfers';
import { showQueueProgress, taskbarProgress } from '../../../app/electron/taskbar-progress';

const idle: QueueSummary = { paused: false, queued: 0, active: 0, failed: 0, finished: 0, bytesTotal: 0, bytesDone: 0, rate: 0 };
const running = (patch: Partial<QueueSummary>): QueueSummary => ({ ...idle, queued: 3, active: 1, bytesTotal: 1000, bytesDone: 250, rate: 100, ...patch });

describe('taskbar progress of the queue', () => {
  it('removes the bar when nothing waits, and shows the byte fraction while transfers run', () => {
    expect(taskbarProgress(idle)).toEqual({ progress: -1, mode: 'none' });
    expect(taskbarProgress({ ...idle, finished: 12, failed: 1 })).toEqual({ progress: -1, mode: 'none' });
    expect(taskbarProgress(running({}))).toEqual({ progress: 0.25, mode: 'normal' });
    expect(taskbarProgress(running({ bytesDone: 5000 }))).toEqual({ progress: 1, mode: 'normal' });
  });

  it('says paused, failed or "still counting" the way the taskbar can show it', () => {
    expect(taskbarProgress(running({ paused: true, active: 0 }))).toEqual({ progress: 0.25, mode: 'paused' });
    expect(taskbarProgress(running({ failed: 2 }))).toEqual({ progress: 0.25, mode: 'error' });
    // A folder being walked: no byte total yet.
    expect(taskbarProgress(running({ bytesTotal: 0, bytesDone: 0 }))).toEqual({ progress: 2, mode: 'indeterminate' });
  });

  it('follows the summaries until stopped, skipping changes the bar could not show', () => {
    let listener: ((summary: QueueSummary) => void) | undefined;
    const transfers = {
      onDidChangeSummary: (next: (summary: QueueSummary) => void) => {
        listener = next;
        return () => {
          listener = undefined;
        };
      },
    };
    const calls: [number, unknown][] = [];
    let destroyed = false;
    const window = { setProgressBar: (progress: number, options?: unknown) => void calls.push([progress, options]), isDestroyed: () => destroyed };
    const stop = showQueueProgress(transfers, window);
    listener?.(running({}));
    listener?.(running({ bytesDone: 251 })); // 0.1 % more: not worth a taskbar update
    listener?.(running({ bytesDone: 600 }));
    listener?.(idle);
    expect(calls).toEqual([
      [0.25, { mode: 'normal' }],
      [0.6, { mode: 'normal' }],
      [-1, { mode: 'none' }],
    ]);
    destroyed = true;
    listener?.(running({}));
    expect(calls).toHaveLength(3);
    stop();
    expect(listener).toBeUndefined();
  });
});
