import { segmentNameSchema } from '../../../shared/paths';
import type { FileExistsRequest } from '../../../shared/services/prompts';

/** Which side of a conflict is newer, from the modification times the engine sent. */
export function newerSide(request: Pick<FileExistsRequest, 'source' | 'target'>): 'source' | 'target' | 'same' | 'unknown' {
  const { source, target } = request;
  if (source.modified === undefined || target.modified === undefined) return 'unknown';
  // Servers often keep whole seconds only: a difference below one second is no difference.
  if (Math.abs(source.modified - target.modified) < 1000) return 'same';
  return source.modified > target.modified ? 'source' : 'target';
}

/** Why a name typed for "Rename" cannot be used, or null when it can (one path segment). */
export function renameProblem(name: string): string | null {
  const parsed = segmentNameSchema.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid name');
}
