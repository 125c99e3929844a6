import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import type { LogLine, LogService } from '../../../shared/services/log';
import type { AppState } from './appState';
import { subscribeSafely, unsubscribeAll } from './subscribe';

/** Lines the window keeps; older ones stay in main's own ring until it drops them too. */
export const LOG_CAPACITY = 5_000;

/** The protocol log panel's lines. */
export interface LogSlice {
  logLines: readonly LogLine[];
  logActions: {
    start(): Unsubscribe;
    clear(): Promise<void>;
  };
}

/** Appends a batch keeping at most `capacity` lines, skipping lines already held (by seq). */
export function appendCapped(lines: readonly LogLine[], batch: readonly LogLine[], capacity = LOG_CAPACITY): readonly LogLine[] {
  const lastSeq = lines.length > 0 ? lines[lines.length - 1]!.seq : 0;
  const fresh = batch.filter((line) => line.seq > lastSeq);
  if (fresh.length === 0) return lines;
  const joined = lines.concat(fresh);
  return joined.length > capacity ? joined.slice(joined.length - capacity) : joined;
}

/** The log slice over an injected log service. */
export const createLogSlice =
  (service: LogService): StateCreator<AppState, [], [], LogSlice> =>
  (set) => ({
    logLines: [],
    logActions: {
      start() {
        const stops = unsubscribeAll([
          subscribeSafely(() => service.onDidAppend((batch) => set((state) => ({ logLines: appendCapped(state.logLines, batch) })))),
          subscribeSafely(() => service.onDidClear(() => set({ logLines: [] }))),
        ]);
        void service.recent().then(
          (recent) =>
            set((state) => {
              // Lines that arrived by event while `recent` was on its way are already held.
              const firstHeld = state.logLines[0]?.seq ?? Number.POSITIVE_INFINITY;
              return { logLines: appendCapped([], [...recent.filter((line) => line.seq < firstHeld), ...state.logLines]) };
            }),
          () => undefined,
        );
        return stops;
      },
      async clear() {
        set({ logLines: [] });
        await service.clear().catch(() => undefined);
      },
    },
  });
