import type { QueueSummary, TransferItem, TransferStatus } from '../../../shared/services/transfers';
import { formatSize } from '../files/format';

/** "1.2 MB/s"; empty for no rate (a stalled or idle transfer shows nothing rather than 0). */
export function formatRate(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return `${formatSize(Math.round(bytesPerSecond))}/s`;
}

/** "0:42", "12:05", "3:07:09"; empty when unknown. Hours keep their own field, as a clock does. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Seconds left for one item at its own rate; undefined when it cannot be told. */
export function itemEta(item: Pick<TransferItem, 'size' | 'bytesDone' | 'rate'>): number | undefined {
  if (item.size === undefined || !item.rate || item.rate <= 0) return undefined;
  return Math.max(0, item.size - item.bytesDone) / item.rate;
}

/** Whole percent 0..100; a zero-byte total counts as done only when `finished`. */
export function percent(done: number, total: number | undefined, finished = false): number {
  if (finished) return 100;
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** The word the Status column shows. */
export function statusLabel(status: TransferStatus): string {
  switch (status) {
    case 'queued':
      return 'Queued';
    case 'expanding':
      return 'Listing…';
    case 'active':
      return 'Transferring';
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'skipped':
      return 'Skipped';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** True while the queue has work to do: the title and the total bar show progress then. */
export function queueBusy(summary: QueueSummary): boolean {
  return summary.queued + summary.active > 0;
}

/**
 * The window title: the overall progress first (taskbars truncate the end), then the app
 * and the server, e.g. `42% — Sluice — ftp.example.com`.
 */
export function windowTitle(summary: QueueSummary | null, host: string | null): string {
  const base = host ? `Sluice — ${host}` : 'Sluice';
  if (!summary || !queueBusy(summary)) return base;
  if (summary.paused) return `Paused — ${base}`;
  return `${percent(summary.bytesDone, summary.bytesTotal)}% — ${base}`;
}

/** The last path segment of a local or remote path, for the Name columns. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return name || path;
}

/** KiB/s as typed in the speed limit field → bytes per second; null: unlimited; undefined: invalid. */
export function parseSpeedLimit(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const bytes = Math.round(Number(trimmed) * 1024);
  // The contract's floor: below 1 KiB/s a transfer would time out rather than crawl.
  return bytes >= 1024 ? bytes : undefined;
}
