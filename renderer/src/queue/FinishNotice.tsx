import { useEffect, useState } from 'react';
import { CheckCircle2, TriangleAlert, X } from 'lucide-react';
import type { FinishedRun } from '../store/queueSlice';
import { useAppStore } from '../store/StoreContext';

/** "12 files transferred, 1 failed". */
export function finishMessage(run: Pick<FinishedRun, 'done' | 'failed'>): string {
  const done = `${run.done.toLocaleString()} ${run.done === 1 ? 'transfer' : 'transfers'} finished`;
  return run.failed > 0 ? `${done}, ${run.failed.toLocaleString()} failed` : done;
}

// A toast stays long enough to be read, then gets out of the way.
const TOAST_MS = 8_000;

/**
 * Tells that a long queue finished: a system notification when the person allowed them
 * (they may be in another window), otherwise a toast in the window (role status).
 */
export function FinishNotice() {
  const run = useAppStore((state) => state.queue.finishedRun);
  const dismiss = useAppStore((state) => state.queueActions.dismissFinished);
  const [toast, setToast] = useState<FinishedRun | null>(null);

  useEffect(() => {
    if (!run) return;
    dismiss();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification('Sluice', { body: finishMessage(run), tag: 'sluice-queue' });
      return;
    }
    setToast(run);
  }, [run, dismiss]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  if (!toast) return null;
  const Icon = toast.failed > 0 ? TriangleAlert : CheckCircle2;
  return (
    <div className={`toast${toast.failed > 0 ? ' toast-warning' : ''}`} role="status" aria-label="Queue finished">
      <Icon size={16} strokeWidth={1.75} aria-hidden />
      <span>{finishMessage(toast)}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setToast(null)}>
        <X size={14} strokeWidth={1.75} aria-hidden />
      </button>
    </div>
  );
}

/**
 * Asks for notification permission, once, from a gesture that starts transfers (browsers
 * refuse the request otherwise, and asking at startup would be rude).
 */
export function askForNotificationsOnce(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
