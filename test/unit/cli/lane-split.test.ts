import { describe, expect, it } from 'vitest';
import { splitConnections } from '../../../app/cli/lane';

describe('splitConnections: how a mirror shares its connections with a transfer lane', () => {
  it('keeps a quarter of the connections (at least one) on the main thread and gives the lane the rest', () => {
    expect(splitConnections(2, 2, true)).toEqual({ here: 1, lane: 1 });
    expect(splitConnections(4, 2, true)).toEqual({ here: 1, lane: 3 });
    expect(splitConnections(8, 8, true)).toEqual({ here: 2, lane: 6 });
    expect(splitConnections(16, 4, true)).toEqual({ here: 4, lane: 12 });
  });

  it('has no lane with one connection, one core, or no built worker', () => {
    expect(splitConnections(1, 8, true)).toEqual({ here: 1, lane: 0 });
    expect(splitConnections(4, 1, true)).toEqual({ here: 4, lane: 0 });
    expect(splitConnections(4, 8, false)).toEqual({ here: 4, lane: 0 });
  });
});
