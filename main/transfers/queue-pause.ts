import type { QueueOp } from './queue-record';

/**
 * Pause / Resume of the whole queue lives in the queue's own files: a change is one journal
 * line, appended and fsync'd in the same stream as the item changes, and a compaction carries
 * the flag into the snapshot's header. One ordered stream holds all a restart needs; there is
 * no second file that could be older or newer than the items it belongs to.
 *
 * When the flag can't be read, the queue starts paused. A torn Pause means the person asked
 * for no transfers and we crashed before it was on disk; starting them anyway could overwrite
 * files or use a link they wanted free. A torn Resume costs one click on "Resume queue".
 */

/** The journal line of a Pause (true) or a Resume (false). */
export interface PauseLine {
  readonly o: 'pause';
  readonly paused: boolean;
}

/** The line to append for a Pause or a Resume. */
export function pauseLine(paused: boolean): string {
  return JSON.stringify({ o: 'pause', paused } satisfies PauseLine);
}

/** True for a parsed journal line that is a Pause or Resume rather than an item change. */
export function isPauseLine(line: object): line is PauseLine {
  return (line as { o?: unknown }).o === 'pause';
}

/** The flag a pause line sets: only an explicit `false` resumes, anything damaged pauses. */
export function pausedBy(line: PauseLine): boolean {
  return (line as { paused?: unknown }).paused !== false;
}

/**
 * The flag a snapshot header holds. A header without the field was written before the flag
 * was kept (such a version never restarted paused), so it means running; an unreadable
 * header, or a field that is not a boolean, means paused.
 */
export function pausedInHeader(header: object | undefined): boolean {
  if (header === undefined) return true;
  const paused = (header as { paused?: unknown }).paused;
  return paused !== undefined && paused !== false;
}

// JSON.stringify writes the kind first, and each kind starts with a letter of its own ("pause"
// with none of these): a torn line that got as far as that letter says what it was.
const ITEM_KINDS = { add: true, set: true, move: true, drop: true } as const satisfies Record<QueueOp['o'], true>;
const ITEM_STARTS = Object.keys(ITEM_KINDS).map((kind) => `{"o":"${kind.charAt(0)}`);

/** True when an unreadable journal line surely was an item change, so it can't have been a Pause. */
export function surelyItemChange(unreadable: string): boolean {
  return ITEM_STARTS.some((start) => unreadable.startsWith(start));
}
