import { describe, expect, it } from 'vitest';
import { parseTimeLine } from '../../bench/clients/command';

describe("GNU time's line", () => {
  it('gives peak RSS and the user and system CPU seconds', () => {
    expect(parseTimeLine('71168 1.52 0.98')).toEqual({ peakRssKiB: 71168, cpu: { user: 1.52, system: 0.98 } });
  });

  it('keeps what it can read and drops the rest', () => {
    expect(parseTimeLine('13000')).toEqual({ peakRssKiB: 13000 });
    expect(parseTimeLine('Command exited with non-zero status 1')).toEqual({});
    expect(parseTimeLine('0 0.00 0.01')).toEqual({ cpu: { user: 0, system: 0.01 } });
  });
});
