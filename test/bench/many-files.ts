// The 10,000-item queue's data (queue-10k): 100 folders × 100 files × 1 KiB, generated once
// into .tmp/bench/source/many/ beside the other source data, with a manifest of its own (so
// it is made only when queue-10k runs, and regenerating it never touches the 1 GiB file).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keystream } from './source-data';
import { treeDigest, type TreeDigest } from './verify';

export const MANY_FOLDERS = 100;
export const MANY_FILES_PER_FOLDER = 100;
export const MANY_FILE_SIZE = 1024;
const VERSION = 1; // bump when the layout or generator changes
// IVs of their own, so no file here repeats one of the 1000-file tree's.
const FIRST_IV = 0x1000_0000;

export interface ManyFiles {
  dir: string;
  tree: TreeDigest;
}

interface Manifest { version: number; tree: TreeDigest }

function fileName(folder: number, file: number): string {
  return path.posix.join(`m${String(folder).padStart(3, '0')}`, `f${String(file).padStart(3, '0')}.bin`);
}

async function makeMany(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (let d = 0; d < MANY_FOLDERS; d++) {
    await mkdir(path.join(dir, fileName(d, 0), '..'), { recursive: true });
    await Promise.all(Array.from({ length: MANY_FILES_PER_FOLDER }, (_, f) =>
      writeFile(path.join(dir, fileName(d, f)), keystream(FIRST_IV + d * MANY_FILES_PER_FOLDER + f)(MANY_FILE_SIZE))));
  }
}

/** Returns the cached 10,000-file tree, generating it when missing or stale. */
export async function ensureManyFiles(cacheDir: string, log: (msg: string) => void): Promise<ManyFiles> {
  const sourceDir = path.join(cacheDir, 'source');
  const dir = path.join(sourceDir, 'many');
  const manifestPath = path.join(sourceDir, 'many-manifest.json');
  const cached = await readFile(manifestPath, 'utf8').then((t) => JSON.parse(t) as Manifest, () => undefined);
  if (cached?.version === VERSION) return { dir, tree: cached.tree };
  await rm(manifestPath, { force: true });
  log(`generating ${MANY_FOLDERS * MANY_FILES_PER_FOLDER} small files in ${dir} (once; cached for later runs)`);
  await makeMany(dir);
  const tree = await treeDigest(dir);
  const manifest: Manifest = { version: VERSION, tree };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { dir, tree };
}
