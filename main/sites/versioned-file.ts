import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { SluiceError } from '../../shared/errors';
import { readFileIfExists } from '../persist/atomic-file';

/** What a store tells its owner when it found a damaged file and set it aside. */
export interface CorruptFileReport {
  readonly file: string;
  /** Where the damaged file now is, kept for a person to inspect or recover by hand. */
  readonly movedTo: string;
  readonly reason: string;
}

/** What reading a `{ version, ... }` JSON file found. */
export type VersionedRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly body: Record<string, unknown>; readonly version: number }
  | { readonly kind: 'corrupt'; readonly reason: string };

/**
 * Reads a JSON file of the shape `{ version: N, ... }`. A file from a newer Sluice is refused
 * with `unsupported-version` and left untouched: rewriting it in our older format would
 * throw away what the newer version stored. Versions from `oldest` up are read, for the
 * caller to migrate; older ones count as damaged.
 */
export async function readVersionedJson(file: string, version: number, what: string, oldest = version): Promise<VersionedRead> {
  const text = await readFileIfExists(file);
  if (text === undefined) return { kind: 'missing' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'corrupt', reason: 'not a JSON object' };
  const found = (body as Record<string, unknown>).version;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) return { kind: 'corrupt', reason: 'no format version' };
  if (found > version) {
    throw new SluiceError(
      'unsupported-version',
      `${what} (${file}) was written by a newer Sluice (format ${found}; this one reads ${version}). Update Sluice; the file was left as it is.`,
    );
  }
  if (found < oldest) return { kind: 'corrupt', reason: `format ${found} is not one this Sluice can read` };
  return { kind: 'ok', body: body as Record<string, unknown>, version: found };
}

/** Renames a damaged file to `<name>.corrupt-<time>` beside it, so nothing is lost and the store can start afresh. */
export async function moveAside(file: string, reason: string): Promise<CorruptFileReport> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const movedTo = path.join(path.dirname(file), `${path.basename(file)}.corrupt-${stamp}`);
  await rename(file, movedTo);
  return { file, movedTo, reason };
}

/**
 * Loads a versioned file through its schema: undefined when absent, or when damaged — then
 * it is moved aside and reported, so a bad file never stops the app from starting.
 */
export async function loadVersionedFile<T>(
  file: string,
  version: number,
  what: string,
  schema: z.ZodType<T>,
  onCorruptFile?: (report: CorruptFileReport) => void,
): Promise<T | undefined> {
  const read = await readVersionedJson(file, version, what);
  if (read.kind === 'missing') return undefined;
  const parsed = read.kind === 'ok' ? schema.safeParse(read.body) : undefined;
  if (parsed?.success) return parsed.data;
  const reason = read.kind === 'corrupt' ? read.reason : (parsed?.error.issues[0]?.message ?? 'invalid');
  onCorruptFile?.(await moveAside(file, reason));
  return undefined;
}
