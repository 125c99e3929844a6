// Puts the cached source data into the server's root and hands out per-run upload folders.
// Hard links, not copies: instant and free for 1 GiB (root and cache share a filesystem
// in the usual layout; a copy is the fallback). The links stay root-owned and 0644, so
// the FTP account can read them but no upload can ever overwrite the cache through them.
import { chmod, chown, copyFile, link, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceData } from './source-data';

export const REMOTE_BIG = 'src/big.bin';
export const REMOTE_TREE = 'src/tree';
export const REMOTE_MANY = 'src/many';

async function linkOrCopy(from: string, to: string): Promise<void> {
  await chmod(from, 0o644);
  await link(from, to).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EXDEV') throw err;
    await copyFile(from, to);
  });
}

/** Links every file below `from` into `to` (a folder under the server's root), folders 0755. */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    const rel = path.relative(from, path.join(e.parentPath, e.name));
    const target = path.join(to, rel);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    if (e.isFile()) await linkOrCopy(path.join(from, rel), target);
  }
}

export async function seedServer(root: string, source: SourceData): Promise<void> {
  await mkdir(path.join(root, 'src'), { mode: 0o755 });
  await linkOrCopy(source.bigPath, path.join(root, REMOTE_BIG));
  await linkTree(source.treeDir, path.join(root, REMOTE_TREE));
}

/** The 10,000-file tree of queue-10k, under REMOTE_MANY (after seedServer made src/). */
export async function seedManyFiles(root: string, manyDir: string): Promise<void> {
  await linkTree(manyDir, path.join(root, REMOTE_MANY));
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
