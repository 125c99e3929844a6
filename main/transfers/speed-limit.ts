import { Transform, type TransformCallback } from 'node:stream';

/** A clock and a timer, injectable for tests. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * One token bucket for every transfer: a global speed limit in bytes per second. It refills
 * continuously and holds at most a tenth of a second's worth (at least 16 KiB), so a burst
 * after an idle spell stays short. Takers are served first come, first served.
 */
export class SpeedLimiter {
  private tokens = 0;
  private last: number;
  private tail: Promise<void> = Promise.resolve();
  private bytesPerSecond: number | undefined;

  constructor(limit: number | null, private readonly clock: Clock = realClock) {
    this.last = clock.now();
    this.setLimit(limit);
  }

  /** The limit in bytes per second; undefined: none. */
  get limit(): number | undefined {
    return this.bytesPerSecond;
  }

  /** Changes the limit; null lifts it (waiting takers go on at their next check). */
  setLimit(limit: number | null): void {
    this.refill();
    this.bytesPerSecond = limit === null ? undefined : Math.max(1, limit);
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** The bucket's size: what may pass at once after an idle spell. */
  capacity(): number {
    return this.bytesPerSecond === undefined ? Infinity : Math.max(16 * 1024, this.bytesPerSecond / 10);
  }

  /** Resolves when `bytes` may pass; callers queue behind each other. */
  take(bytes: number): Promise<void> {
    const turn = this.tail.then(() => this.wait(bytes));
    this.tail = turn;
    return turn;
  }

  private async wait(bytes: number): Promise<void> {
    for (;;) {
      if (this.bytesPerSecond === undefined) return;
      this.refill();
      // A piece bigger than the bucket passes once the bucket is full (it goes into debt).
      const needed = Math.min(bytes, this.capacity());
      if (this.tokens >= needed) {
        this.tokens -= bytes;
        return;
      }
      await this.clock.sleep(Math.max(1, ((needed - this.tokens) * 1000) / this.bytesPerSecond));
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    if (this.bytesPerSecond !== undefined) this.tokens = Math.min(this.capacity(), this.tokens + (elapsed * this.bytesPerSecond) / 1000);
  }
}

// Pieces small enough that several transfers share the limit fairly.
const PIECE = 16 * 1024;

/** A pass-through stream that lets bytes go only as fast as `limiter` allows, in 16 KiB pieces. */
export function throttleStream(limiter: SpeedLimiter): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      void (async () => {
        for (let offset = 0; offset < chunk.length; offset += PIECE) {
          const piece = chunk.subarray(offset, offset + PIECE);
          await limiter.take(piece.length);
          this.push(piece);
        }
      })().then(() => done(), done);
    },
  });
}
