import { ftruncate, write, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { DirectReader } from './direct-read';
import { localDisk, type DiskVerdict } from './disk-verdict';
import { FtpError } from './errors';
import { cannotWrite } from './local-target';

// 64 KiB per write. Measured on this project's 2-core VM, over 1 GiB: 128 and 256 KiB writes
// cost two to three times the kernel time of 64 KiB ones; smaller ones cost a thread-pool
// round trip per TLS record or two.
const SLICE_BYTES = 64 * 1024;
// Up to 2 MiB waits for the disk before reading pauses.
const SLICES = 32;
/**
 * A direct write puts a slice down in 16 KiB pieces, as curl does. The kernel gives each write
 * page-cache folios of about its size, and larger folios cost this project's VM far more to
 * fill, most of all in its slow minutes (the copy into them, `copy_folio_from_iter_atomic`,
 * took 33–56% of a download's samples): over 1 GiB, 4 alternated rounds, 16 KiB writes took
 * 0.54–0.80 s of system time and 1.14–1.56 s in all, 64 KiB ones 0.76–1.05 s and 1.45–1.81 s.
 * The slice stays 64 KiB: a write on the thread pool costs a round trip each.
 */
const DIRECT_PIECE_BYTES = 16 * 1024;

/** The file-system calls the writer makes; tests put faults in. */
export interface RingDisk {
  write: (fd: number, buffer: Buffer, offset: number, length: number, position: number, done: (error: NodeJS.ErrnoException | null, written: number) => void) => void;
  truncate: (fd: number, length: number, done: (error: NodeJS.ErrnoException | null) => void) => void;
}

/**
 * Writes each slice right on the event loop while the disk is quick (see DiskVerdict), else on
 * the thread pool. A pool write costs two thread wake-ups: measured over 1 GiB on this
 * project's 2-core VM, direct writes took a third less kernel time, and the download
 * 2.5–3.0 s instead of 3.2–4.2 s, against curl's 2.7–2.9 s. A write slower than the
 * verdict's limit sends the later ones to the pool, until the pool's writes prove the disk
 * quick again.
 */
export function diskFollowing(verdict: DiskVerdict): RingDisk {
  return {
    write: (fd, buffer, offset, length, position, done) => {
      if (verdict.slow) {
        const finished = verdict.poolCall();
        write(fd, buffer, offset, length, position, (error, written) => {
          finished();
          done(error, written);
        });
        return;
      }
      let written = 0;
      let failure: NodeJS.ErrnoException | null = null;
      try {
        written = verdict.timed(() => writeInPieces(fd, buffer, offset, length, position));
      } catch (error) {
        failure = error as NodeJS.ErrnoException;
      }
      // Reported later, as the pool would: the writer's state is settled before its callback runs.
      queueMicrotask(() => done(failure, written));
    },
    truncate: ftruncate,
  };
}

/** Writes `length` bytes in DIRECT_PIECE_BYTES pieces; returns how many went (fewer on a short write: the ring writes the rest again). */
function writeInPieces(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const piece = Math.min(DIRECT_PIECE_BYTES, length - done);
    const written = writeSync(fd, buffer, offset + done, piece, position + done);
    done += written;
    if (written < piece) break;
  }
  return done;
}

const localRingDisk = diskFollowing(localDisk);

/**
 * Writes a download into a file through a ring of 64 KiB slices. The bytes land in the current
 * slice (by `onread`, see direct-read.ts, or copied from a stream's chunks); a full slice goes
 * to the disk as one positional write: right away while the disk is quick, else on the thread
 * pool while the next one fills (see diskFollowing). Reading pauses only when the disk is
 * 2 MiB behind.
 *
 * Against a stream pipeline into a WriteStream (one Buffer per TLS record, then writev): half
 * the JavaScript CPU time and a third less memory for a gigabyte, and no full GCs.
 *
 * One write at a time: writers of one file queue on its inode lock anyway (the kernel spent
 * its time spinning on it with four), and a failed write then leaves no hole after it.
 */
export class RingFileWriter implements DirectReader {
  private readonly free: Buffer[] = [];
  private allocated = 0;
  private current: Buffer;
  private used = 0;
  // Full slices waiting for the disk, in file order, and the one being written.
  private readonly queued: Buffer[] = [];
  private writing: Buffer | undefined;
  // The file's end so far: where the next write goes.
  private written: number;
  private source: { resume(): unknown } | undefined;
  private paused = false;
  private failure: FtpError | undefined;
  // Where the failed write began: the file is cut back to there.
  private failedAt: number | undefined;
  private idleWaiters: Array<() => void> = [];
  // Set while `complete` waits: a failed write ends the transfer at once.
  private onFailure: ((error: FtpError) => void) | undefined;

  /** Sees the length of every arrival (progress, stall watch). */
  onBytes: (length: number) => void = () => undefined;

  /** Writes to `fd` from `startAt` on; `path` names the file in errors. */
  constructor(
    private readonly fd: number,
    startAt: number,
    private readonly path: string,
    private readonly disk: RingDisk = localRingDisk,
  ) {
    this.written = startAt;
    this.current = this.takeSlice();
  }

  /** The file's size once `complete` resolved. */
  get size(): number {
    return this.written;
  }

  nextBuffer(): Uint8Array {
    return this.current.subarray(this.used);
  }

  received(length: number): boolean {
    this.used += length;
    this.onBytes(length);
    if (this.used < this.current.length) return true;
    this.flush();
    return !this.mustPause();
  }

  attach(source: { resume(): unknown }): void {
    this.source = source;
  }

  /** Copies a stream's chunk into the ring (when the data connection could not use `onread`); false asks the stream to pause. */
  add(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      const copied = chunk.copy(this.current, this.used, offset);
      offset += copied;
      this.used += copied;
      if (this.used === this.current.length) this.flush();
    }
    this.onBytes(chunk.length);
    return !this.mustPause();
  }

  /**
   * Resolves once `stream` has ended and every byte is in the file; rejects when the stream
   * breaks off before its end or a write fails. `direct`: the stream feeds `onread` and emits
   * no 'data'; else it is read here into the ring.
   */
  complete(stream: Readable, direct: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let ended = false;
      const finish = (): void => {
        ended = true;
        this.flush();
        this.whenIdle().then(() => (this.failure === undefined ? resolve() : reject(this.failure)));
      };
      const cutShort = (): void => {
        if (!ended) reject(this.failure ?? new FtpError('connection-closed', 'The data connection closed before the end of the file', 'data'));
      };
      if (this.failure !== undefined) return reject(this.failure);
      // Under `onread` the whole file, or a broken connection, may have come before this call.
      if (stream.readableEnded) return finish();
      if (stream.closed) return cutShort();
      this.onFailure = (error) => {
        reject(error);
        stream.destroy();
      };
      stream.once('end', finish);
      stream.once('error', reject);
      stream.once('close', cutShort);
      if (!direct) {
        this.attach(stream);
        stream.on('data', (chunk: Buffer) => {
          if (!this.add(chunk)) stream.pause();
        });
      }
    });
  }

  /**
   * After a failure: puts down what arrived (unless the disk failed), waits for the write on
   * its way, then cuts the file back to where a failed write began. The file then holds a
   * prefix of the download, for a later resume.
   */
  async settle(): Promise<void> {
    if (this.failure === undefined) this.flush();
    await this.whenIdle();
    const at = this.failedAt;
    if (at === undefined) return;
    await new Promise<void>((resolve) => this.disk.truncate(this.fd, at, () => resolve()));
  }

  private mustPause(): boolean {
    if (this.failure !== undefined) return true;
    // The current slice and one spare take what still arrives after the pause (one socket
    // read, 64 KiB, is decrypted after it). Were they too small, every pause would allocate.
    if (this.free.length > 1 || this.allocated < SLICES) return false;
    this.paused = true;
    return true;
  }

  private takeSlice(): Buffer {
    const slice = this.free.pop();
    if (slice !== undefined) return slice;
    this.allocated += 1;
    return Buffer.allocUnsafe(SLICE_BYTES);
  }

  private release(slice: Buffer): void {
    // A slice beyond the ring (more arrived after a pause than the spare held) is dropped.
    if (this.allocated > SLICES) this.allocated -= 1;
    else if (slice.length === SLICE_BYTES) this.free.push(slice);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.queued.push(this.used === this.current.length ? this.current : this.current.subarray(0, this.used));
    this.current = this.takeSlice();
    this.used = 0;
    this.pump();
  }

  private pump(): void {
    if (this.writing !== undefined || this.failure !== undefined) return;
    const slice = this.queued.shift();
    if (slice === undefined) return this.wakeIdle();
    this.writing = slice;
    this.writeOut(slice, 0, this.written);
  }

  private writeOut(slice: Buffer, offset: number, at: number): void {
    this.disk.write(this.fd, slice, offset, slice.length - offset, at, (error, written) => {
      if (error !== null) return this.fail(error, at);
      // A short write (rare on a regular file): the rest goes again.
      if (offset + written < slice.length) return this.writeOut(slice, offset + written, at + written);
      this.written = at + written;
      this.writing = undefined;
      this.release(slice);
      if (this.paused) {
        this.paused = false;
        this.source?.resume();
      }
      this.pump();
    });
  }

  private fail(error: NodeJS.ErrnoException, at: number): void {
    this.failedAt = at;
    this.failure = cannotWrite(this.path, error);
    this.writing = undefined;
    this.wakeIdle();
    this.onFailure?.(this.failure);
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private whenIdle(): Promise<void> {
    if (this.writing === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
