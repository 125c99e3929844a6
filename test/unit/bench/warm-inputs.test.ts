import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readThrough } from '../../bench/warm-inputs';
import { useFreshTempDir } from '../../support/fresh-temp-dir';

const dir = useFreshTempDir('sluice-warm-');

describe('readThrough (the bench reads a scenario’s inputs once before timing it)', () => {
  it('reads a whole file, across several chunks', async () => {
    const file = path.join(dir.path, 'big.bin');
    await writeFile(file, Buffer.alloc(2.5 * 1024 * 1024, 7));
    expect(await readThrough(file)).toBe(2.5 * 1024 * 1024);
  });

  it('reads every file below a folder, nested ones and empty ones included', async () => {
    const root = dir.path;
    await mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await writeFile(path.join(root, 'one.txt'), 'one');
    await writeFile(path.join(root, 'a', 'b', 'deep.txt'), 'deeper');
    await writeFile(path.join(root, 'a', 'empty'), '');
    expect(await readThrough(root)).toBe(3 + 6);
  });
});
