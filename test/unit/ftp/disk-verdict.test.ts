import { describe, expect, it } from 'vitest';
import { clockedVerdict } from '../../support/disk-clock';

/** Reports `count` thread-pool calls of the clock's current length to the verdict. */
function poolCalls(verdict: { poolCall(): () => void }, count: number): void {
  for (let i = 0; i < count; i++) verdict.poolCall()();
}

describe('DiskVerdict', () => {
  it('stays quick while direct calls are quick, and turns slow on the first slow one', () => {
    const { verdict, clock } = clockedVerdict(3);
    expect(verdict.timed(() => 'result')).toBe('result');
    expect(verdict.slow).toBe(false);
    clock.ms = 21;
    verdict.timed(() => undefined);
    expect(verdict.slow).toBe(true);
  });

  it('gives the direct path back after enough quick thread-pool calls in a row; a slow one starts the count again', () => {
    const { verdict, clock, turnSlow } = clockedVerdict(3);
    turnSlow();
    poolCalls(verdict, 2);
    clock.ms = 30;
    poolCalls(verdict, 1);
    clock.ms = 1;
    poolCalls(verdict, 2);
    expect(verdict.slow).toBe(true);
    poolCalls(verdict, 1);
    expect(verdict.slow).toBe(false);
  });

  it('asks twice the proof after each relapse', () => {
    const { verdict, turnSlow } = clockedVerdict(3);
    turnSlow();
    poolCalls(verdict, 3);
    expect(verdict.slow).toBe(false);
    turnSlow();
    poolCalls(verdict, 5);
    expect(verdict.slow).toBe(true);
    poolCalls(verdict, 1);
    expect(verdict.slow).toBe(false);
    turnSlow();
    poolCalls(verdict, 11);
    expect(verdict.slow).toBe(true);
    poolCalls(verdict, 1);
    expect(verdict.slow).toBe(false);
  });

  it('times a failed call too, and passes its error on', async () => {
    const { verdict, turnSlow } = clockedVerdict(1);
    turnSlow();
    await expect(verdict.pooled(() => Promise.reject(new Error('EIO')))).rejects.toThrow('EIO');
    expect(verdict.slow).toBe(false);
    expect(() => verdict.timed(() => {
      throw new Error('ENOSPC');
    })).toThrow('ENOSPC');
  });
});
