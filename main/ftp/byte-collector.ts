/**
 * Holds a small download in memory, up to `limit` bytes: a byte more is refused with
 * `tooMuch()` (the file is not the size its listing promised) instead of growing without bound.
 */
export class ByteCollector {
  readonly chunks: Buffer[] = [];
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly tooMuch: () => Error,
  ) {}

  /** Keeps `chunk`; throws when it would pass the limit. */
  add(chunk: Buffer): void {
    if (this.bytes + chunk.length > this.limit) throw this.tooMuch();
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }
}
