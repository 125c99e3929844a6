import type { RemoteEntry } from '../../shared/remote-entry';
import { humanSize } from './human-size';

const TYPE_LETTER: Readonly<Record<RemoteEntry['kind'], string>> = { file: '-', dir: 'd', symlink: 'l', other: '?' };

/** `sluice ls`: one name a line, folders with a trailing `/`. */
export function shortListing(entries: readonly RemoteEntry[]): string {
  return entries.map((entry) => `${entry.name}${entry.kind === 'dir' ? '/' : ''}\n`).join('');
}

/** `sluice ls -l`: type and permissions, human size, UTC time, name (and a link's target). */
export function longListing(entries: readonly RemoteEntry[]): string {
  const rows = entries.map((entry) => [
    `${TYPE_LETTER[entry.kind]}${entry.permissions ?? ''}`,
    entry.size === undefined || entry.kind === 'dir' ? '-' : humanSize(entry.size),
    entry.modified === undefined ? '-' : timeOf(entry),
    `${entry.name}${entry.linkTarget === undefined ? '' : ` -> ${entry.linkTarget}`}${entry.unsafe === undefined ? '' : `  (unsafe name: ${entry.unsafe})`}`,
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(0, ...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padEnd(widths[2]!)}  ${row[3]}\n`).join('');
}

/** The time to the precision the listing gave. */
function timeOf(entry: RemoteEntry): string {
  const iso = new Date(entry.modified!).toISOString();
  if (entry.modifiedPrecision === 'day') return iso.slice(0, 10);
  if (entry.modifiedPrecision === 'minute') return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
