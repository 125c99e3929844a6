import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskVerdict } from '../../../main/ftp/disk-verdict';
import { readSmallFile, statThroughPool } from '../../../main/ftp/whole-file-read';
import { clockedVerdict } from '../../support/disk-clock';
import { useFreshTempDir } from '../../support/fresh-temp-dir';

const dir = useFreshTempDir('sluice-read-');
const quick = () => new DiskVerdict(60_000);

describe('readSmallFile', () => {
  it('reads a file up to the limit whole, with its stats', () => {
    const file = path.join(dir.path, 'a');
    writeFileSync(file, 'hello');
    const read = readSmallFile(file, 5, quick());
    expect(read?.bytes?.toString()).toBe('hello');
    expect(read?.stats.size).toBe(5);
  });

  it('gives only the stats of a larger file or a folder, to be streamed or refused by the caller', () => {
    const file = path.join(dir.path, 'a');
    writeFileSync(file, 'hello!');
    expect(readSmallFile(file, 5, quick())).toMatchObject({ stats: { size: 6 } });
    expect(readSmallFile(file, 5, quick())?.bytes).toBeUndefined();
    const folder = readSmallFile(dir.path, 5, quick());
    expect(folder?.stats.isDirectory()).toBe(true);
    expect(folder?.bytes).toBeUndefined();
  });

  it('does not wait for a writer on a FIFO: it is no regular file', () => {
    const fifo = path.join(dir.path, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const read = readSmallFile(fifo, 1024, quick());
    expect(read?.stats.isFIFO()).toBe(true);
    expect(read?.bytes).toBeUndefined();
  });

  it('leaves the work to the thread pool once the disk was slow, and reports missing files as the system does', () => {
    const file = path.join(dir.path, 'a');
    writeFileSync(file, 'x');
    const disk = new DiskVerdict(-1);
    expect(readSmallFile(file, 5, disk)?.bytes?.toString()).toBe('x');
    expect(disk.slow).toBe(true);
    expect(readSmallFile(file, 5, disk)).toBeUndefined();
    expect(() => readSmallFile(path.join(dir.path, 'missing'), 5, quick())).toThrow(/ENOENT/);
  });

  it('reads directly again once stats from the thread pool came back quickly', async () => {
    const file = path.join(dir.path, 'a');
    writeFileSync(file, 'abc');
    const { verdict, turnSlow } = clockedVerdict(1);
    turnSlow();
    expect(readSmallFile(file, 5, verdict)).toBeUndefined();
    expect((await statThroughPool(file, verdict)).size).toBe(3);
    expect(readSmallFile(file, 5, verdict)?.bytes?.toString()).toBe('abc');
    await expect(statThroughPool(path.join(dir.path, 'missing'), verdict)).rejects.toThrow(/ENOENT/);
  });
});
