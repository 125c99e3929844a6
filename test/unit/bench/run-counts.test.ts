import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args';
import { DEFAULT_RUNS, runsOf, runsSummary } from '../../bench/run-counts';
import { TRANSFERS } from '../../bench/scenarios';

describe('bench run counts', () => {
  const noisy = { id: 'big-down', defaultRuns: 7 };
  const steady = { id: 'tree-down' };

  it('gives each scenario its own count unless --runs names one for all', () => {
    expect(runsOf(noisy, undefined)).toBe(7);
    expect(runsOf(steady, undefined)).toBe(DEFAULT_RUNS);
    expect(runsOf(noisy, 1)).toBe(1);
    expect(runsOf(steady, 5)).toBe(5);
  });

  it('leaves the count to the scenarios when --runs is not given, and refuses a count below one', () => {
    expect(parseBenchArgs([]).runs).toBeUndefined();
    expect(parseBenchArgs(['--runs', '4']).runs).toBe(4);
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(/--runs must be a positive integer/);
  });

  it('says in the header how many runs each median took', () => {
    expect(runsSummary([noisy, { id: 'big-up', defaultRuns: 7 }, steady], undefined)).toBe('median of 7 runs for big-down, big-up; 3 for tree-down');
    expect(runsSummary([noisy, steady], 5)).toBe('median of 5');
    expect(runsSummary([steady], undefined)).toBe('median of 3');
  });

  it('runs the gigabyte transfers, the noisiest rows, more often than the rest', () => {
    const counts = Object.fromEntries(TRANSFERS.map((s) => [s.id, runsOf(s, undefined)]));
    expect(counts).toMatchObject({ 'big-down': 7, 'big-up': 7, 'tree-down': DEFAULT_RUNS, 'tree-up': DEFAULT_RUNS });
  });
});
