import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FtpError } from '../ftp/errors';

/**
 * The local path of a remote name inside `folder`, or undefined when it would resolve
 * outside `root` (rule 16: the resolved local path must stay inside the target folder).
 * Listings already flag unsafe names; this is the last check before the disk.
 */
export function localChild(root: string, folder: string, name: string): string | undefined {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0') || (path.sep === '\\' && name.includes('\\'))) return undefined;
  const child = path.resolve(folder, name);
  const relative = path.relative(path.resolve(root), child);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return child;
}

/**
 * Makes sure `dir` is a real folder: creates it, or accepts one that is there. A symlink or
 * a file in its place is an error: Sluice never writes through links (rule 17). True when it
 * created the folder: then nothing inside it comes from before.
 */
export async function ensureLocalFolder(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new FtpError('unsafe-local-path', `Cannot create ${dir}: ${(error as Error).message}`, 'data', undefined, error);
    }
  }
  const stats = await lstat(dir);
  if (stats.isSymbolicLink()) throw new FtpError('unsafe-local-path', `${dir} is a symbolic link; Sluice does not write through links`, 'data');
  if (!stats.isDirectory()) throw new FtpError('unsafe-local-path', `${dir} exists and is not a folder`, 'data');
  return false;
}

/** Slash-joined path relative to the mirrored folder, for reports. */
export function relativeJoin(relative: string, name: string): string {
  return relative === '' ? name : `${relative}/${name}`;
}
