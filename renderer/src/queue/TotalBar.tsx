import { useAppStore } from '../store/StoreContext';
import { formatSize } from '../files/format';
import { formatEta, formatRate, percent, queueBusy } from './queueFormat';

const count = new Intl.NumberFormat();

/** Files left, bytes done of the total, overall rate and time left: the queue at a glance. */
export function TotalBar() {
  const summary = useAppStore((state) => state.queue.summary);
  if (!summary) return null;
  const busy = queueBusy(summary);
  const left = summary.queued + summary.active;
  const value = percent(summary.bytesDone, summary.bytesTotal);
  const parts = [
    `${count.format(left)} ${left === 1 ? 'file' : 'files'} left`,
    `${formatSize(summary.bytesDone)} of ${formatSize(summary.bytesTotal)}`,
    busy && !summary.paused ? formatRate(summary.rate) : '',
    busy && !summary.paused && summary.etaSeconds !== undefined ? `${formatEta(summary.etaSeconds)} left` : '',
    summary.paused ? 'Paused' : '',
    summary.failed > 0 ? `${count.format(summary.failed)} failed` : '',
  ].filter((part) => part !== '');
  return (
    <div className="queue-total" role="status" aria-label="Queue totals">
      <div role="progressbar" aria-label="Overall progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} className="progress progress-total">
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      <span>{parts.join(' · ')}</span>
    </div>
  );
}
