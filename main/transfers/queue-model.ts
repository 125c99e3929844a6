import type { QueueView, TransferStatus } from '../../shared/services/transfers';
import { VIEW_STATUSES, type MoveWhere, type QueueOp, type QueueRecord, type RecordPatch } from './queue-record';

/**
 * The queue in memory: records in queue order and by id. Every change is a QueueOp, so the
 * live path and a replay of the journal after a crash go through the same code.
 */
export class QueueModel {
  private order: QueueRecord[] = [];
  private readonly byId = new Map<string, QueueRecord>();
  // Items before this index are known not to be queued: the scheduler's scan starts here.
  private scanFrom = 0;
  private readonly counts = new Map<TransferStatus, number>();

  /** How many records have `status` (kept up to date, so the summary never scans for it). */
  count(status: TransferStatus): number {
    return this.counts.get(status) ?? 0;
  }

  /** How many records there are. */
  get size(): number {
    return this.order.length;
  }

  /** A record by id. */
  get(id: string): QueueRecord | undefined {
    return this.byId.get(id);
  }

  /** Every record in queue order (the model's own array: read, don't change). */
  all(): readonly QueueRecord[] {
    return this.order;
  }

  /** Applies one change; returns the records it touched (dropped ones included). */
  apply(op: QueueOp): QueueRecord[] {
    switch (op.o) {
      case 'add':
        return this.add(op.r);
      case 'set':
        return this.patch(op.id, op.p);
      case 'move':
        return this.move(op.ids, op.w);
      case 'drop':
        return this.drop(op.ids);
    }
  }

  private add(record: QueueRecord): QueueRecord[] {
    // A replayed walk adds children it already added before the crash: the first one stays.
    if (this.byId.has(record.id)) return [];
    const copy = { ...record };
    this.tally(copy.status, 1);
    this.order.push(copy);
    this.byId.set(copy.id, copy);
    return [copy];
  }

  private patch(id: string, patch: RecordPatch): QueueRecord[] {
    const record = this.byId.get(id);
    if (record === undefined) return [];
    this.tally(record.status, -1);
    const target = record as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete target[key];
      else if (value !== undefined) target[key] = value;
    }
    this.tally(record.status, 1);
    if (record.status === 'queued') this.scanFrom = 0;
    return [record];
  }

  private tally(status: TransferStatus, delta: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + delta);
  }

  /** Moves the selected records one step or to an end, keeping their relative order. */
  private move(ids: readonly string[], where: MoveWhere): QueueRecord[] {
    const selected = new Set(ids.filter((id) => this.byId.has(id)));
    if (selected.size === 0) return [];
    const order = this.order;
    switch (where) {
      case 'top':
      case 'bottom': {
        const chosen = order.filter((record) => selected.has(record.id));
        const rest = order.filter((record) => !selected.has(record.id));
        this.order = where === 'top' ? [...chosen, ...rest] : [...rest, ...chosen];
        break;
      }
      case 'up':
        // Each selected record swaps with the unselected one before it, front to back.
        for (let index = 1; index < order.length; index++) {
          const here = order[index] as QueueRecord;
          const before = order[index - 1] as QueueRecord;
          if (selected.has(here.id) && !selected.has(before.id)) [order[index - 1], order[index]] = [here, before];
        }
        break;
      case 'down':
        for (let index = order.length - 2; index >= 0; index--) {
          const here = order[index] as QueueRecord;
          const after = order[index + 1] as QueueRecord;
          if (selected.has(here.id) && !selected.has(after.id)) [order[index], order[index + 1]] = [after, here];
        }
        break;
    }
    this.scanFrom = 0;
    return this.order.filter((record) => selected.has(record.id));
  }

  private drop(ids: readonly string[]): QueueRecord[] {
    const gone = new Set(ids);
    const dropped = this.order.filter((record) => gone.has(record.id));
    if (dropped.length === 0) return [];
    this.order = this.order.filter((record) => !gone.has(record.id));
    for (const record of dropped) {
      this.byId.delete(record.id);
      this.tally(record.status, -1);
    }
    this.scanFrom = 0;
    return dropped;
  }

  /** One page of a tab, in queue order, and the tab's total. */
  page(view: QueueView, offset: number, limit: number): { items: QueueRecord[]; total: number } {
    const statuses = VIEW_STATUSES[view];
    const items: QueueRecord[] = [];
    let total = 0;
    for (const record of this.order) {
      if (!statuses.has(record.status)) continue;
      if (total >= offset && items.length < limit) items.push(record);
      total += 1;
    }
    return { items, total };
  }

  /**
   * Queued records in order that `accept` takes, at most `max` of them ('stop' ends the scan
   * at once: every connection is busy). The scan starts past
   * the prefix of records that are no longer queued, so picking the next of 100,000 is cheap.
   */
  nextQueued(accept: (record: QueueRecord) => boolean | 'stop', max = Infinity): QueueRecord[] {
    const picked: QueueRecord[] = [];
    let firstQueued = -1;
    for (let index = this.scanFrom; index < this.order.length && picked.length < max; index++) {
      const record = this.order[index] as QueueRecord;
      if (record.status !== 'queued') continue;
      if (firstQueued === -1) firstQueued = index;
      const verdict = accept(record);
      if (verdict === 'stop') break;
      if (verdict) picked.push(record);
    }
    this.scanFrom = firstQueued === -1 ? this.order.length : firstQueued;
    return picked;
  }
}
