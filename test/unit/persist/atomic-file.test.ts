import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileIfExists, SerialWriter, writeFileAtomic } from '../../../main/persist/atomic-file';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

describe('crash-safe files', () => {
  it('writes, replaces and reads back, leaving no temp file behind', async () => {
    temp = makeTempDir();
    const target = path.join(temp.path, 'nested', 'store.json');
    expect(await readFileIfExists(target)).toBeUndefined();
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readFileIfExists(target)).toBe('two');
    expect(readdirSync(path.dirname(target))).toEqual(['store.json']);
  });

  it('lands concurrent writes in call order', async () => {
    temp = makeTempDir();
    const target = path.join(temp.path, 'store.json');
    const writer = new SerialWriter(target);
    await Promise.all(Array.from({ length: 20 }, (_, index) => writer.write(String(index))));
    expect(readFileSync(target, 'utf8')).toBe('19');
  });

  it('survives kill -9 at any moment: the file is always one whole version', async () => {
    temp = makeTempDir();
    const target = path.join(temp.path, 'store.json');
    await writeFileAtomic(target, JSON.stringify({ version: 0 }));
    const seen: number[] = [];
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', '..', 'support', 'atomic-writer-child.ts'), target], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise((resolve) => child.stdout!.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const parsed = JSON.parse(readFileSync(target, 'utf8')) as { version: number };
      seen.push(parsed.version);
    }
    // The children really were rewriting the file when they died.
    expect(Math.max(...seen)).toBeGreaterThan(0);
  }, 60_000);
});
