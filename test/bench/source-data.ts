// The data every scenario moves, generated once into .tmp/bench/source/ and reused:
// - big.bin: 1 GiB of AES-128-CTR keystream — incompressible like real media, yet
//   deterministic (fixed key), so its sha256 is stable across machines, and ~1 GB/s to make;
// - tree/dNN/fNNN.bin: 10 folders × 100 files × 10 KiB, same generator, per-file IVs.
// A manifest written last marks the cache complete; a half-written cache is regenerated.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { treeDigest, type TreeDigest } from './verify';

export const BIG_SIZE = 1024 ** 3;
export const TREE_FOLDERS = 10;
export const TREE_FILES_PER_FOLDER = 100;
export const TREE_FILE_SIZE = 10 * 1024;
const VERSION = 1; // bump when the layout or generator changes
const KEY = Buffer.alloc(16, 0x5c);
const CHUNK = 4 * 1024 * 1024;

export interface SourceData {
  bigPath: string;
  bigSize: number;
  bigSha256: string;
  treeDir: string;
  tree: TreeDigest;
}

interface Manifest { version: number; bigSha256: string; tree: TreeDigest }

/** Deterministic, incompressible bytes: AES-128-CTR keystream under the fixed key, one stream per IV. */
export function keystream(iv: number): (bytes: number) => Buffer {
  const ivBuf = Buffer.alloc(16);
  ivBuf.writeUInt32BE(iv, 0);
  const cipher = createCipheriv('aes-128-ctr', KEY, ivBuf);
  return (bytes) => cipher.update(Buffer.alloc(bytes));
}

async function makeBig(file: string): Promise<string> {
  const tmp = `${file}.partial`;
  const out = createWriteStream(tmp);
  const hash = createHash('sha256');
  const next = keystream(0xffffffff);
  for (let left = BIG_SIZE; left > 0; left -= CHUNK) {
    const chunk = next(Math.min(CHUNK, left));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
  await rename(tmp, file);
  return hash.digest('hex');
}

export function treeFileName(folder: number, file: number): string {
  return path.posix.join(`d${String(folder).padStart(2, '0')}`, `f${String(file).padStart(3, '0')}.bin`);
}

async function makeTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (let d = 0; d < TREE_FOLDERS; d++) {
    await mkdir(path.join(dir, treeFileName(d, 0), '..'), { recursive: true });
    await Promise.all(Array.from({ length: TREE_FILES_PER_FOLDER }, (_, f) =>
      writeFile(path.join(dir, treeFileName(d, f)), keystream(d * TREE_FILES_PER_FOLDER + f)(TREE_FILE_SIZE))));
  }
}

/** Returns the cached source data, generating whatever is missing or stale. */
export async function ensureSourceData(cacheDir: string, log: (msg: string) => void): Promise<SourceData> {
  const dir = path.join(cacheDir, 'source');
  const manifestPath = path.join(dir, 'manifest.json');
  const bigPath = path.join(dir, 'big.bin');
  const treeDir = path.join(dir, 'tree');
  const cached = await readFile(manifestPath, 'utf8').then((t) => JSON.parse(t) as Manifest, () => undefined);
  if (cached?.version === VERSION) {
    return { bigPath, bigSize: BIG_SIZE, bigSha256: cached.bigSha256, treeDir, tree: cached.tree };
  }
  await rm(manifestPath, { force: true });
  await mkdir(dir, { recursive: true });
  log(`generating source data in ${dir} (once; cached for later runs)`);
  const bigSha256 = await makeBig(bigPath);
  await makeTree(treeDir);
  const tree = await treeDigest(treeDir);
  const manifest: Manifest = { version: VERSION, bigSha256, tree };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { bigPath, bigSize: BIG_SIZE, bigSha256, treeDir, tree };
}
