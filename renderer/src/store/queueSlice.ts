import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import type { EnqueueRequest, QueueSummary, QueueView, TransferItem, TransfersService } from '../../../shared/services/transfers';
import { describeError } from '../files/errors';
import { applyBatch, itemAt, loadedIds, missingPages, PAGE_SIZE, withPage, type Pages } from '../queue/queuePages';
import type { AppState } from './appState';
import { subscribeSafely, unsubscribeAll } from './subscribe';

/** A queue run that just ended, for the notification. */
export interface FinishedRun {
  readonly done: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly at: number;
}

/** The queue panel's state: one tab's loaded pages, the summary, the selection. */
export interface QueueState {
  readonly view: QueueView;
  readonly summary: QueueSummary | null;
  /** Items in the tab, as of the last page fetched. */
  readonly total: number;
  readonly pages: Pages;
  readonly selected: ReadonlySet<string>;
  /** Row index a Shift+click extends from. */
  readonly anchor: number | null;
  readonly error: string | null;
  readonly finishedRun: FinishedRun | null;
}

export interface QueueSlice {
  queue: QueueState;
  queueActions: {
    start(): Unsubscribe;
    setView(view: QueueView): void;
    /** The rows on screen (plus overscan): pages covering them are fetched. */
    showRange(from: number, to: number): void;
    select(index: number, gesture?: { toggle?: boolean; range?: boolean }): void;
    /** Adds transfers; `start` resumes a paused queue (Upload / Download), else they wait (Add to queue). */
    enqueue(request: EnqueueRequest, start: boolean): Promise<void>;
    pause(): Promise<void>;
    resume(): Promise<void>;
    cancelSelected(): Promise<void>;
    retrySelected(): Promise<void>;
    moveSelected(where: 'up' | 'down' | 'top' | 'bottom'): Promise<void>;
    clearFinished(): Promise<void>;
    setSpeedLimit(bytesPerSecond: number | null): Promise<void>;
    dismissFinished(): void;
    clearError(): void;
  };
}

/** How many items the summary says a tab holds. */
export function countFor(summary: QueueSummary, view: QueueView): number {
  switch (view) {
    case 'queued':
      return summary.queued + summary.active;
    case 'failed':
      return summary.failed;
    case 'finished':
      return summary.finished;
  }
}

// Long enough to gather a burst of small files into one listing, short enough to feel live.
const REFRESH_DELAY_MS = 400;

/** The folder holding a local or remote path. */
function parentFolder(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at <= 0 ? path.slice(0, at + 1) : path.slice(0, at);
}

const initialQueue: QueueState = {
  view: 'queued',
  summary: null,
  total: 0,
  pages: new Map(),
  selected: new Set(),
  anchor: null,
  error: null,
  finishedRun: null,
};

/** The queue slice over an injected transfers service. */
export const createQueueSlice =
  (service: TransfersService): StateCreator<AppState, [], [], QueueSlice> =>
  (set, get) => {
    const patch = (value: Partial<QueueState>) => set((state) => ({ queue: { ...state.queue, ...value } }));
    let range = { from: 0, to: 50 };
    // `dirty`: the loaded pages may have shifted (items came, went, or moved): fetch them afresh.
    let dirty = true;
    let running = false;

    /**
     * Fetches what the screen needs, one round at a time: never two overlapping fetches,
     * however fast batches arrive, so 10,000 changing items cost a page request per batch.
     */
    function pump(): void {
      if (running) return;
      running = true;
      void (async () => {
        try {
          for (let round = 0; round < 6; round++) {
            const { view, pages, total } = get().queue;
            const full = dirty;
            dirty = false;
            const first = Math.floor(range.from / PAGE_SIZE);
            const last = Math.floor(Math.max(range.from, range.to) / PAGE_SIZE);
            const wanted = full
              ? Array.from({ length: last - first + 1 }, (_, at) => first + at).filter((page) => page === 0 || page * PAGE_SIZE < total)
              : missingPages(pages, range.from, range.to, total);
            if (wanted.length === 0) break;
            const results = await Promise.all(wanted.map((page) => service.list(view, page * PAGE_SIZE, PAGE_SIZE)));
            // The tab changed while fetching: these pages belong to another list.
            if (get().queue.view !== view) {
              dirty = true;
              continue;
            }
            let next: Pages = full ? new Map() : get().queue.pages;
            results.forEach((result, at) => (next = withPage(next, wanted[at]!, result.items)));
            patch({ pages: next, total: results[results.length - 1]!.total });
            if (!dirty && !full) break;
          }
        } catch (error) {
          patch({ error: describeError(error) });
        } finally {
          running = false;
          // A batch that arrived after the last round still needs its fetch.
          if (dirty) pump();
        }
      })();
    }

    const refetch = () => {
      dirty = true;
      pump();
    };

    /** Runs a command; its failure becomes the panel's error line rather than an unhandled rejection. */
    async function command(run: () => Promise<unknown>): Promise<void> {
      try {
        await run();
        patch({ error: null });
      } catch (error) {
        patch({ error: describeError(error) });
      }
    }

    // Panes showing a folder that just received files refresh, once per burst of finished items.
    const refreshTimers: Partial<Record<'local' | 'remote', ReturnType<typeof setTimeout>>> = {};
    function refreshPanesFor(batch: readonly TransferItem[]): void {
      const { localPane, remotePane, localActions, remoteActions } = get();
      for (const item of batch) {
        if (item.status !== 'done') continue;
        const [pane, path] = item.direction === 'upload' ? (['remote', item.remotePath] as const) : (['local', item.localPath] as const);
        const shown = pane === 'remote' ? remotePane.path : localPane.path;
        if (shown === '' || refreshTimers[pane] || parentFolder(path) !== shown) continue;
        refreshTimers[pane] = setTimeout(() => {
          delete refreshTimers[pane];
          void (pane === 'remote' ? remoteActions.refresh() : localActions.refresh());
        }, REFRESH_DELAY_MS);
      }
    }

    const selectedIds = () => loadedIds(get().queue.pages, get().queue.selected);

    return {
      queue: initialQueue,
      queueActions: {
        start() {
          const stops = unsubscribeAll([
            subscribeSafely(() =>
              service.onDidChangeItems((batch) => {
                const { pages, view } = get().queue;
                const applied = applyBatch(pages, view, batch);
                if (applied.pages !== pages) patch({ pages: applied.pages });
                if (applied.stale) refetch();
                refreshPanesFor(batch);
              }),
            ),
            subscribeSafely(() =>
              service.onDidChangeSummary((summary) => {
                patch({ summary });
                // Clear finished, a cancel or a retry changes a tab's length without an item batch of it.
                if (countFor(summary, get().queue.view) !== get().queue.total) refetch();
              }),
            ),
            subscribeSafely(() => service.onDidFinishQueue((result) => patch({ finishedRun: { ...result, at: Date.now() } }))),
          ]);
          void service.summary().then(
            (summary) => patch({ summary }),
            () => undefined,
          );
          refetch();
          return stops;
        },
        setView(view) {
          if (view === get().queue.view) return;
          patch({ view, pages: new Map(), total: 0, selected: new Set(), anchor: null });
          range = { from: 0, to: Math.max(50, range.to - range.from) };
          refetch();
        },
        showRange(from, to) {
          range = { from, to };
          pump();
        },
        select(index, gesture = {}) {
          const { pages, selected, anchor } = get().queue;
          const item = itemAt(pages, index);
          if (!item) return;
          if (gesture.range && anchor !== null) {
            const next = new Set(gesture.toggle ? selected : []);
            for (let at = Math.min(anchor, index); at <= Math.max(anchor, index); at++) {
              const id = itemAt(pages, at)?.id;
              if (id) next.add(id);
            }
            return patch({ selected: next });
          }
          if (gesture.toggle) {
            const next = new Set(selected);
            if (next.has(item.id)) next.delete(item.id);
            else next.add(item.id);
            return patch({ selected: next, anchor: index });
          }
          patch({ selected: new Set([item.id]), anchor: index });
        },
        async enqueue(request, start) {
          await command(async () => {
            await service.enqueue(request);
            if (start && get().queue.summary?.paused) await service.resume();
          });
          // Show where the work went, unless the person is reading the log on purpose.
          if (get().layout.bottomTab !== 'queue') get().setBottomTab('queue');
          if (get().queue.view !== 'queued') get().queueActions.setView('queued');
        },
        pause: () => command(() => service.pause()),
        resume: () => command(() => service.resume()),
        async cancelSelected() {
          const ids = selectedIds();
          if (ids.length > 0) await command(() => service.cancel(ids));
        },
        async retrySelected() {
          const ids = selectedIds();
          if (ids.length > 0) await command(() => service.retry(ids));
          refetch();
        },
        async moveSelected(where) {
          const ids = selectedIds();
          if (ids.length === 0) return;
          await command(() => service.move(ids, where));
          refetch();
        },
        async clearFinished() {
          await command(() => service.clearFinished());
          refetch();
        },
        setSpeedLimit: (bytesPerSecond) => command(() => service.setSpeedLimit(bytesPerSecond)),
        dismissFinished: () => patch({ finishedRun: null }),
        clearError: () => patch({ error: null }),
      },
    };
  };
