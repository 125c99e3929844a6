import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { LocalEntry, LocalEntryKind } from '../../shared/services/local';

const rwx = ['---', '--x', '-w-', '-wx', 'r--', 'r-x', 'rw-', 'rwx'] as const;

/** `rwxr-xr-x` from the low nine mode bits. */
export function permissionString(mode: number): string {
  return [6, 3, 0].map((shift) => rwx[(mode >> shift) & 7]).join('');
}

function kindOf(stats: Stats): LocalEntryKind {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return 'file';
  return 'other';
}

/** Describes one entry from its lstat; a link's target is stat'ed only to know its kind. */
export async function describeEntry(name: string, path: string, stats: Stats): Promise<LocalEntry> {
  const kind = kindOf(stats);
  const entry: LocalEntry = {
    name,
    path,
    kind,
    size: kind === 'file' ? stats.size : 0,
    modified: stats.mtimeMs,
    hidden: name.startsWith('.'),
    permissions: permissionString(stats.mode),
  };
  if (kind !== 'symlink') return entry;
  const target = await stat(path).then(
    (targetStats) => ({ kind: kindOf(targetStats) as Exclude<LocalEntryKind, 'symlink'> }),
    () => ({ kind: 'missing' as const }),
  );
  return { ...entry, target };
}
