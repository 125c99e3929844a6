// Output checks, so a failed or truncated transfer is never timed as a fast one.
// Everything streams: hashing 1 GiB must not itself cost 1 GiB of memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

export async function verifyFile(file: string, size: number, sha256: string): Promise<void> {
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile()) throw new Error(`missing: ${file}`);
  if (st.size !== size) throw new Error(`size ${st.size}, expected ${size}: ${file}`);
  const got = await sha256File(file);
  if (got !== sha256) throw new Error(`sha256 mismatch: ${file}`);
}

export interface TreeDigest {
  files: number;
  bytes: number;
  /** sha256 over every "relative/path\0size\0sha256(content)\n", sorted by path. */
  sha256: string;
}

/** Count, size and content digest of every regular file below dir (small files only). */
export async function treeDigest(dir: string): Promise<TreeDigest> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const lines = await Promise.all(files.map(async (rel) => {
    const data = await readFile(path.join(dir, rel));
    return { rel, size: data.length, line: `${rel}\0${data.length}\0${createHash('sha256').update(data).digest('hex')}\n` };
  }));
  const all = createHash('sha256');
  for (const l of lines) all.update(l.line);
  return { files: files.length, bytes: lines.reduce((n, l) => n + l.size, 0), sha256: all.digest('hex') };
}

export async function verifyTree(dir: string, expected: TreeDigest): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new Error(`missing folder: ${dir}`);
  const got = await treeDigest(dir);
  if (got.files !== expected.files || got.bytes !== expected.bytes) {
    throw new Error(`${got.files} files / ${got.bytes} bytes, expected ${expected.files} / ${expected.bytes}: ${dir}`);
  }
  if (got.sha256 !== expected.sha256) throw new Error(`tree content differs: ${dir}`);
}
