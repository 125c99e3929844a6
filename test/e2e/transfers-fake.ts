import type { EnqueueRequest, QueueSummary, QueueView, TransferItem, TransferStatus, TransfersService } from '../../shared/services/transfers';
import { Emitter } from '../../main/events';

const VIEW: Record<TransferStatus, QueueView> = {
  queued: 'queued',
  expanding: 'queued',
  active: 'queued',
  failed: 'failed',
  cancelled: 'failed',
  done: 'finished',
  skipped: 'finished',
};

/**
 * A scripted transfers service: the queue is an array a test fills and changes, and every
 * call is recorded. It pages like the real one (never the whole queue in one answer).
 */
export class FakeTransfers {
  readonly itemsChanged = new Emitter<readonly TransferItem[]>();
  readonly summaryChanged = new Emitter<QueueSummary>();
  readonly finished = new Emitter<{ done: number; failed: number; elapsedMs: number }>();
  items: TransferItem[] = [];
  paused = false;
  speedLimit: number | undefined;
  calls: string[] = [];
  enqueued: EnqueueRequest[] = [];
  /** The largest page the window asked for. */
  largestPage = 0;

  /** `count` queued uploads named file-00000.bin…; the first `active` of them transferring. */
  fill(count: number, active = 0): void {
    this.items = Array.from({ length: count }, (_, at) => item(at, at < active ? 'active' : 'queued'));
  }

  /** Replaces items by id and tells the window, as one throttled batch would. */
  change(updated: readonly TransferItem[]): void {
    const byId = new Map(updated.map((next) => [next.id, next] as const));
    this.items = this.items.map((old) => byId.get(old.id) ?? old);
    this.itemsChanged.fire(updated);
    this.summaryChanged.fire(this.summary());
  }

  summary(): QueueSummary {
    const files = this.items.filter((one) => one.status !== 'failed' && one.status !== 'cancelled' && one.status !== 'skipped');
    const count = (statuses: TransferStatus[]) => this.items.filter((one) => statuses.includes(one.status)).length;
    const bytesTotal = files.reduce((sum, one) => sum + (one.size ?? 0), 0);
    const bytesDone = files.reduce((sum, one) => sum + (one.status === 'done' ? (one.size ?? 0) : one.bytesDone), 0);
    const rate = this.items.reduce((sum, one) => sum + (one.status === 'active' ? (one.rate ?? 0) : 0), 0);
    return {
      paused: this.paused,
      queued: count(['queued', 'expanding']),
      active: count(['active']),
      failed: count(['failed', 'cancelled']),
      finished: count(['done', 'skipped']),
      bytesTotal,
      bytesDone,
      rate,
      ...(rate > 0 ? { etaSeconds: (bytesTotal - bytesDone) / rate } : {}),
      ...(this.speedLimit !== undefined ? { speedLimit: this.speedLimit } : {}),
    };
  }

  service(): TransfersService {
    const fake = this;
    const record = (text: string) => void fake.calls.push(text);
    const changedSummary = () => fake.summaryChanged.fire(fake.summary());
    return {
      async enqueue(request) {
        fake.enqueued.push(request);
        return { added: request.sources.length };
      },
      async list(view, offset, limit) {
        fake.largestPage = Math.max(fake.largestPage, limit);
        const inView = fake.items.filter((one) => VIEW[one.status] === view);
        return { items: inView.slice(offset, offset + limit), total: inView.length };
      },
      summary: async () => fake.summary(),
      async pause() {
        record('pause');
        fake.paused = true;
        changedSummary();
      },
      async resume() {
        record('resume');
        fake.paused = false;
        changedSummary();
      },
      cancel: async (ids) => record(`cancel ${ids.join(',')}`),
      retry: async (ids) => record(`retry ${ids.join(',')}`),
      move: async (ids, where) => record(`move ${ids.join(',')} ${where}`),
      async clearFinished() {
        record('clearFinished');
        fake.items = fake.items.filter((one) => VIEW[one.status] !== 'finished');
        changedSummary();
      },
      async setSpeedLimit(bytes) {
        record(`setSpeedLimit ${bytes}`);
        fake.speedLimit = bytes ?? undefined;
        changedSummary();
      },
      setDefaultFileExistsAction: async (siteId, action) => record(`setDefaultFileExistsAction ${siteId} ${action}`),
      onDidChangeItems: fake.itemsChanged.subscribe,
      onDidChangeSummary: fake.summaryChanged.subscribe,
      onDidFinishQueue: fake.finished.subscribe,
    };
  }
}

/** A queue item as the service would send it. */
export function item(at: number, status: TransferStatus = 'queued', over: Partial<TransferItem> = {}): TransferItem {
  const name = `file-${String(at).padStart(5, '0')}.bin`;
  return {
    id: `t${at}`,
    direction: at % 3 === 0 ? 'download' : 'upload',
    kind: 'file',
    localPath: `/home/alice/out/${name}`,
    remotePath: `/srv/in/${name}`,
    server: { host: 'ftp.example.com', port: 2121, user: 'alice' },
    size: 1_048_576,
    bytesDone: status === 'active' ? 440_000 : 0,
    ...(status === 'active' ? { rate: 1_310_720 } : {}),
    status,
    attempts: status === 'active' ? 1 : 0,
    addedAt: 0,
    ...over,
  };
}
