import { useEffect } from 'react';
import { windowTitle } from '../queue/queueFormat';
import { useAppStore } from '../store/StoreContext';

/** Keeps the window title on the server and the queue's progress (`42% — Sluice — host`), as taskbars show it. */
export function useWindowTitle(): void {
  const host = useAppStore((state) => (state.connection.status === 'connected' ? (state.connection.host ?? null) : null));
  const summary = useAppStore((state) => state.queue.summary);
  const title = windowTitle(summary, host);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
