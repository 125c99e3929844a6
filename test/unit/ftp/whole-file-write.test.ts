import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskVerdict } from '../../../main/ftp/disk-verdict';
import { WholeFileWriter } from '../../../main/ftp/whole-file-write';
import { clockedVerdict } from '../../support/disk-clock';
import { useFreshTempDir } from '../../support/fresh-temp-dir';

const dir = useFreshTempDir('sluice-whole-');
const time = new Date(Date.UTC(2022, 0, 2, 3, 4, 5));

describe('WholeFileWriter', () => {
  it('writes directly until a write is slow, then through the thread pool, with the same result', async () => {
    // Any write takes longer than 0 ms: the first one marks the disk slow.
    const disk = new DiskVerdict(0);
    const writer = new WholeFileWriter(disk);
    for (const name of ['first', 'second']) {
      const target = path.join(dir.path, name);
      const part = path.join(dir.path, `.${name}.part`);
      writeFileSync(part, 'stale leftover');
      await writer.place({ part, chunks: [Buffer.from('ab'), Buffer.from('cd')], modified: time, target });
      expect(readFileSync(target, 'utf8')).toBe('abcd');
      expect(statSync(target).mtime.toISOString()).toBe(time.toISOString());
      expect(existsSync(part)).toBe(false);
      expect(disk.slow).toBe(true);
    }
  });

  it('goes back to writing directly once the pool has placed enough files quickly', async () => {
    const { verdict, turnSlow } = clockedVerdict(2);
    turnSlow();
    const writer = new WholeFileWriter(verdict);
    const seen: boolean[] = [];
    for (const name of ['p1', 'p2', 'p3']) {
      const target = path.join(dir.path, name);
      await writer.place({ part: path.join(dir.path, `.${name}.part`), chunks: [Buffer.from(name)], modified: time, target });
      expect(readFileSync(target, 'utf8')).toBe(name);
      expect(statSync(target).mtime.toISOString()).toBe(time.toISOString());
      seen.push(verdict.slow);
    }
    expect(seen).toEqual([true, false, false]);
  });

  it('keeps a fast disk on the direct path', async () => {
    const disk = new DiskVerdict(60_000);
    await new WholeFileWriter(disk).place({ part: path.join(dir.path, '.a.part'), chunks: [Buffer.from('x')], target: path.join(dir.path, 'a') });
    expect(disk.slow).toBe(false);
  });

  it('refuses symlinks at the temporary and the final name on both paths, leaving their targets alone', async () => {
    for (const [name, writer] of [['direct', new WholeFileWriter(new DiskVerdict(60_000))], ['pool', await slowWriter()]] as const) {
      const folder = path.join(dir.path, name);
      mkdirSync(folder);
      const victim = path.join(folder, 'victim');
      writeFileSync(victim, 'keep');
      const part = path.join(folder, '.p.part');
      symlinkSync(victim, part);
      await expect(writer.place({ part, chunks: [Buffer.from('x')], target: path.join(folder, 'p') })).rejects.toMatchObject({ kind: 'unsafe-local-path' });
      const target = path.join(folder, 't');
      symlinkSync(victim, target);
      await expect(writer.place({ part: path.join(folder, '.t.part'), chunks: [Buffer.from('x')], target })).rejects.toMatchObject({ kind: 'unsafe-local-path' });
      expect(readFileSync(victim, 'utf8')).toBe('keep');
    }
  });

  it('leaves a partial file under its temporary name when there is no final one', async () => {
    const part = path.join(dir.path, '.a.part');
    await new WholeFileWriter().place({ part, chunks: [Buffer.from('partial')] });
    expect(readFileSync(part, 'utf8')).toBe('partial');
  });
});

/** A writer already on the thread-pool path: with a budget of -1 ms, its first write counts as slow. */
async function slowWriter(): Promise<WholeFileWriter> {
  const disk = new DiskVerdict(-1);
  const writer = new WholeFileWriter(disk);
  await writer.place({ part: path.join(dir.path, '.warm.part'), chunks: [] });
  expect(disk.slow).toBe(true);
  return writer;
}
