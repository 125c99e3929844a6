import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SpeedLimiter, throttleStream, type Clock } from '../../../main/transfers/speed-limit';

/** A clock that moves only when someone sleeps: the limiter's arithmetic, without real time. */
function fakeClock(): Clock & { slept: number; time: number } {
  const clock = {
    time: 0,
    slept: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

describe('speed limiter', () => {
  it('lets bytes through at the limit, shared by every taker', async () => {
    const clock = fakeClock();
    const limiter = new SpeedLimiter(100_000, clock);
    // Two transfers of 500 kB each: 1 MB at 100 kB/s takes 10 s (less the bucket's first fill).
    const transfer = async () => {
      for (let sent = 0; sent < 500_000; sent += 10_000) await limiter.take(10_000);
    };
    await Promise.all([transfer(), transfer()]);
    expect(clock.now()).toBeGreaterThanOrEqual(9_800);
    expect(clock.now()).toBeLessThanOrEqual(10_100);
  });

  it('caps a burst after an idle spell at the bucket size', async () => {
    const clock = fakeClock();
    const limiter = new SpeedLimiter(1_000_000, clock);
    expect(limiter.capacity()).toBe(100_000);
    clock.time += 60_000;
    await limiter.take(100_000);
    expect(clock.slept).toBe(0);
    await limiter.take(100_000);
    expect(clock.slept).toBeCloseTo(100, 0);
  });

  it('passes at once when the limit is lifted', async () => {
    const clock = fakeClock();
    const limiter = new SpeedLimiter(1024, clock);
    limiter.setLimit(null);
    for (let n = 0; n < 100; n++) await limiter.take(1 << 20);
    expect(clock.slept).toBe(0);
    expect(limiter.limit).toBeUndefined();
  });

  it('throttles a stream without changing its bytes', async () => {
    const limiter = new SpeedLimiter(1024 * 1024);
    const input = Buffer.alloc(300_000, 7);
    const chunks: Buffer[] = [];
    const started = performance.now();
    for await (const chunk of Readable.from([input.subarray(0, 100_000), input.subarray(100_000)]).pipe(throttleStream(limiter))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(input)).toBe(true);
    // 300 kB at 1 MiB/s, the first ~100 KiB from the bucket: about 0.19 s, paced rather than at once.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(150);
    expect(elapsed).toBeLessThan(2_000);
  });
});
