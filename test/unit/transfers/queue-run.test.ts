import { describe, expect, it } from 'vitest';
import { QueueRun, type RunResult } from '../../../main/transfers/queue-run';

describe('queue run', () => {
  it('tells when a long run ends, with what it did, and ends the run either way', () => {
    const finished: RunResult[] = [];
    let ends = 0;
    const run = new QueueRun(10_000, (result) => finished.push(result), () => (ends += 1));
    run.started(1_000);
    run.started(2_000);
    run.count('done');
    run.count('done');
    run.count('failed');
    run.end(12_000);
    expect(finished).toEqual([{ done: 2, failed: 1, elapsedMs: 11_000 }]);
    expect(run.running).toBe(false);
    // A short run ends quietly.
    run.started(20_000);
    run.count('done');
    run.end(21_000);
    expect(finished).toHaveLength(1);
    expect(ends).toBe(2);
    // Counting outside a run does nothing.
    run.count('done');
    run.end(50_000);
    expect(ends).toBe(2);
  });
});
