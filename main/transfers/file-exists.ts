import type { FileExistsAction } from '../../shared/services/prompts';

/** Size and time of one side of a conflict; either may be unknown. */
export interface FileFacts {
  readonly size?: number;
  readonly modified?: number;
}

/** What happens to a transfer whose target exists. */
export type ExistsDecision =
  | { readonly action: 'overwrite' }
  | { readonly action: 'resume' }
  | { readonly action: 'rename'; readonly newName: string }
  | { readonly action: 'skip'; readonly reason: string };

/** Resume makes sense only when the target is a shorter copy of the source. */
export function canResume(source: FileFacts, target: FileFacts): boolean {
  return source.size !== undefined && target.size !== undefined && target.size < source.size;
}

/**
 * Turns an answer into what the transfer does. "Overwrite if newer" overwrites when the source
 * is newer (or, times unknown, when the sizes differ); "resume" skips a target already as long
 * as the source and overwrites one that cannot be a prefix of it.
 */
export function decideExists(action: FileExistsAction, source: FileFacts, target: FileFacts, newName: string): ExistsDecision {
  switch (action) {
    case 'overwrite':
      return { action: 'overwrite' };
    case 'skip':
      return { action: 'skip', reason: 'The target exists' };
    case 'rename':
      return { action: 'rename', newName };
    case 'overwrite-if-newer':
      if (source.modified !== undefined && target.modified !== undefined) {
        // Whole seconds: FTP times (MDTM, MFMT) carry no more.
        const newer = Math.floor(source.modified / 1000) > Math.floor(target.modified / 1000);
        return newer ? { action: 'overwrite' } : { action: 'skip', reason: 'The target is as new as the source' };
      }
      return source.size !== undefined && source.size === target.size ? { action: 'skip', reason: 'The target has the same size' } : { action: 'overwrite' };
    case 'resume':
      if (canResume(source, target)) return { action: 'resume' };
      if (source.size !== undefined && source.size === target.size) return { action: 'skip', reason: 'The target is already complete' };
      return { action: 'overwrite' };
  }
}

/** `name (n).ext` for n = 1, 2 …: the keep-both name, with the extension after the counter. */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  // A leading dot starts a hidden name, not an extension.
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

/** The first `name (n).ext` that `taken` says is free. */
export async function freeName(name: string, taken: (candidate: string) => boolean | Promise<boolean>, maxTries = 10_000): Promise<string> {
  for (let n = 1; n <= maxTries; n++) {
    const candidate = numberedName(name, n);
    if (!(await taken(candidate))) return candidate;
  }
  return numberedName(name, Date.now());
}
