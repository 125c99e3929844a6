// Puts the cached source data into the server's root and hands out per-run upload folders.
// Hard links, not copies: instant and free for 1 GiB (root and cache share a filesystem
// in the usual layout; a copy is the fallback). The links stay root-owned and 0644, so
// the FTP account can read them but no upload can ever overwrite the cache through them.
import { chmod, chown, copyFile, link, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceData } from './source-data';

export const REMOTE_BIG = 'src/big.bin';
export const REMOTE_TREE = 'src/tree';

async function linkOrCopy(from: string, to: string): Promise<void> {
  await chmod(from, 0o644);
  await link(from, to).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EXDEV') throw err;
    await copyFile(from, to);
  });
}

export async function seedServer(root: string, source: SourceData): Promise<void> {
  await mkdir(path.join(root, 'src'), { mode: 0o755 });
  await linkOrCopy(source.bigPath, path.join(root, REMOTE_BIG));
  const entries = await readdir(source.treeDir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    const rel = path.relative(source.treeDir, path.join(e.parentPath, e.name));
    const target = path.join(root, REMOTE_TREE, rel);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    if (e.isFile()) await linkOrCopy(path.join(source.treeDir, rel), target);
  }
}

/**
 * A fresh remote folder "up/<slot>" owned by the FTP account (the owner of root), for one
 * upload run; the server's sessions run as that account and must be able to write there.
 */
export async function makeUploadFolder(root: string, slot: string): Promise<string> {
  const rel = path.posix.join('up', slot);
  const { uid, gid } = await stat(root);
  for (const p of [path.join(root, 'up'), path.join(root, rel)]) {
    await mkdir(p, { recursive: true, mode: 0o755 });
    await chown(p, uid, gid);
  }
  return rel;
}
