import { Writable } from 'node:stream';

/**
 * Collects a small download in memory, up to `limit` bytes: a byte more fails the write with
 * `tooMuch()` (the file is not the size its listing promised) instead of growing without bound.
 */
export class MemorySink extends Writable {
  readonly chunks: Buffer[] = [];
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly tooMuch: () => Error,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.bytes + chunk.length > this.limit) {
      callback(this.tooMuch());
      return;
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    callback();
  }
}
