import { randomBytes } from 'node:crypto';
import { closeSync, ftruncate, openSync, readFileSync, statSync, write, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DiskVerdict } from '../../../main/ftp/disk-verdict';
import { diskFollowing, RingFileWriter, type RingDisk } from '../../../main/ftp/ring-file-writer';
import { clockedVerdict } from '../../support/disk-clock';
import { useFreshTempDir } from '../../support/fresh-temp-dir';

const dir = useFreshTempDir('sluice-ring-');
const KIB = 1024;

describe('RingFileWriter', () => {
  it('writes reads of any size, split across slices as onread splits them, in order and whole', async () => {
    const data = randomBytes(3 * 1024 * KIB + 12_345);
    const file = openFile('a');
    const writer = new RingFileWriter(file.fd, 0, file.path);
    let counted = 0;
    writer.onBytes = (length) => (counted += length);
    await deliverWhole(writer, data);
    closeSync(file.fd);
    expect(readFileSync(file.path).equals(data)).toBe(true);
    expect(writer.size).toBe(data.length);
    expect(counted).toBe(data.length);
  });

  it('continues a file at its end for a resume', async () => {
    const file = openFile('b', 'first part|');
    const writer = new RingFileWriter(file.fd, 11, file.path);
    const socket = endlessSource();
    await deliver(writer, Buffer.from('second part'), socket);
    socket.push(null);
    socket.read(0);
    await writer.complete(socket, true);
    closeSync(file.fd);
    expect(readFileSync(file.path, 'utf8')).toBe('first part|second part');
    expect(writer.size).toBe(22);
  });

  it('pauses reading while the disk is 2 MiB behind, and resumes when a write completes', () => {
    const held: Array<() => void> = [];
    const disk: RingDisk = { write: (_fd, _buffer, _offset, length, _at, done) => held.push(() => done(null, length)), truncate: (_fd, _length, done) => done(null) };
    const writer = new RingFileWriter(-1, 0, 'held', disk);
    let resumed = 0;
    writer.attach({ resume: () => (resumed += 1) });
    let accepted = 0;
    while (fill(writer, 64 * KIB)) accepted += 64 * KIB;
    // 32 slices of 64 KiB, one of them kept for what arrives after the pause.
    expect(accepted).toBeGreaterThanOrEqual(1920 * KIB);
    expect(accepted).toBeLessThanOrEqual(2048 * KIB);
    // One write at a time reaches the disk.
    expect(held).toHaveLength(1);
    expect(resumed).toBe(0);
    held.shift()?.();
    expect(resumed).toBe(1);
    expect(held).toHaveLength(1);
  });

  it('fails on a write error and cuts the file back to the bytes before it, so a resume continues a prefix', async () => {
    const data = randomBytes(5 * 64 * KIB);
    const file = openFile('c');
    let writes = 0;
    const disk: RingDisk = {
      write: (fd, buffer, offset, length, at, done) => {
        writes += 1;
        // The third write fails after putting half its bytes down, as a disk filling up can.
        if (writes === 3) write(fd, buffer, offset, length / 2, at, () => done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }), 0));
        else write(fd, buffer, offset, length, at, done);
      },
      truncate: ftruncate,
    };
    const writer = new RingFileWriter(file.fd, 0, file.path, disk);
    const socket = endlessSource();
    const completed = writer.complete(socket, true);
    await deliver(writer, data, socket);
    await expect(completed).rejects.toMatchObject({ kind: 'unsafe-local-path', message: expect.stringContaining('no space left') });
    expect(socket.destroyed).toBe(true);
    await writer.settle();
    closeSync(file.fd);
    const kept = readFileSync(file.path);
    expect(kept.length).toBe(2 * 64 * KIB);
    expect(kept.equals(data.subarray(0, kept.length))).toBe(true);
  });

  it('writes slices on the event loop while the disk is quick, through the pool once one was slow, whole either way', async () => {
    for (const slowMs of [60_000, 0]) {
      const verdict = new DiskVerdict(slowMs);
      const data = randomBytes(2 * 1024 * KIB + 777);
      const file = openFile(`verdict-${slowMs}`);
      await deliverWhole(new RingFileWriter(file.fd, 0, file.path, diskFollowing(verdict)), data);
      closeSync(file.fd);
      expect(readFileSync(file.path).equals(data)).toBe(true);
      // Every write takes longer than 0 ms: the first one sent the rest to the pool.
      expect(verdict.slow).toBe(slowMs === 0);
    }
  });

  it('gives slices back to the event loop once the pool has written enough of them quickly, whole throughout', async () => {
    const { verdict, turnSlow } = clockedVerdict(4);
    turnSlow();
    const data = randomBytes(2 * 1024 * KIB + 777);
    const file = openFile('recovered');
    await deliverWhole(new RingFileWriter(file.fd, 0, file.path, diskFollowing(verdict)), data);
    closeSync(file.fd);
    expect(readFileSync(file.path).equals(data)).toBe(true);
    // The first 4 of the 33 slices went through the pool, quickly: the rest were written directly.
    expect(verdict.slow).toBe(false);
  });

  it('fails with a typed error when a write on the event loop fails, and the transfer stops', async () => {
    const file = openFile('read-only');
    const readOnly = openSync(file.path, 'r');
    const writer = new RingFileWriter(readOnly, 0, file.path, diskFollowing(new DiskVerdict(60_000)));
    const socket = endlessSource();
    const completed = writer.complete(socket, true);
    await deliver(writer, randomBytes(256 * KIB), socket);
    await expect(completed).rejects.toMatchObject({ kind: 'unsafe-local-path' });
    expect(socket.destroyed).toBe(true);
    await writer.settle();
    closeSync(readOnly);
    closeSync(file.fd);
    expect(statSync(file.path).size).toBe(0);
  });

  it('reads a stream into the ring when the data connection could not use onread', async () => {
    const chunks = [randomBytes(10), randomBytes(100 * KIB), randomBytes(64 * KIB), randomBytes(1), randomBytes(300 * KIB)];
    const file = openFile('d');
    const writer = new RingFileWriter(file.fd, 0, file.path);
    await writer.complete(Readable.from(chunks), false);
    closeSync(file.fd);
    expect(readFileSync(file.path).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('fails with connection-closed when the stream closes before its end, keeping what arrived', async () => {
    const file = openFile('e');
    const writer = new RingFileWriter(file.fd, 0, file.path);
    const stream = new PassThrough();
    const completed = writer.complete(stream, false);
    stream.write(Buffer.alloc(100 * KIB, 7));
    await new Promise((resolve) => setImmediate(resolve));
    stream.destroy();
    await expect(completed).rejects.toMatchObject({ kind: 'connection-closed' });
    await writer.settle();
    closeSync(file.fd);
    expect(statSync(file.path).size).toBe(100 * KIB);
  });
});

function openFile(name: string, content = ''): { fd: number; path: string } {
  const file = path.join(dir.path, name);
  writeFileSync(file, content);
  return { fd: openSync(file, 'r+'), path: file };
}

/** A socket-like readable under `onread`: it never emits 'data'; bytes go to the reader. */
function endlessSource(): Readable {
  return new Readable({ read: () => undefined });
}

/**
 * Hands `data` to the writer as Node's TLS layer does under `onread`: records of up to 16 KiB,
 * each copied into the buffer the reader offers, split when it has less room. It waits for the
 * disk whenever the writer asks for a pause.
 */
async function deliver(writer: RingFileWriter, data: Buffer, source: Readable): Promise<void> {
  let offset = 0;
  let record = 1;
  while (offset < data.length && !source.destroyed) {
    const size = Math.min(data.length - offset, (record * 7919) % (16 * KIB) || 1);
    record += 1;
    let placed = 0;
    let goOn = true;
    while (placed < size) {
      const target = writer.nextBuffer();
      const length = Math.min(target.length, size - placed);
      data.copy(target, 0, offset + placed, offset + placed + length);
      placed += length;
      goOn = writer.received(length) && goOn;
    }
    offset += size;
    if (!goOn && !source.destroyed) {
      await new Promise<void>((resolve) => {
        const goAhead = (): void => {
          source.off('close', goAhead);
          resolve();
        };
        writer.attach({ resume: goAhead });
        // A failed write destroys the source instead of resuming it.
        source.once('close', goAhead);
      });
    }
  }
}

/** Delivers all of `data` from a socket-like source under `onread`, ends it, and waits until every byte is in the file. */
async function deliverWhole(writer: RingFileWriter, data: Buffer): Promise<void> {
  const socket = endlessSource();
  writer.attach(socket);
  await deliver(writer, data, socket);
  socket.push(null);
  socket.read(0);
  await writer.complete(socket, true);
}

/** Offers `length` bytes to the writer in one read; false when it asks to pause. */
function fill(writer: RingFileWriter, length: number): boolean {
  let left = length;
  let goOn = true;
  while (left > 0) {
    const target = writer.nextBuffer();
    const part = Math.min(target.length, left);
    left -= part;
    goOn = writer.received(part) && goOn;
  }
  return goOn;
}
