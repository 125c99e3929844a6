import { describe, expect, it } from 'vitest';
import { turnOrder } from '../../bench/run-order';

describe('turnOrder (who runs first in each round of a scenario)', () => {
  it('starts with the given order and rotates it by one each round', () => {
    const clients = ['sluice', 'curl', 'lftp'];
    expect([1, 2, 3, 4].map((round) => turnOrder(clients, round))).toEqual([
      ['sluice', 'curl', 'lftp'],
      ['curl', 'lftp', 'sluice'],
      ['lftp', 'sluice', 'curl'],
      ['sluice', 'curl', 'lftp'],
    ]);
  });

  it('puts every client in every position once over as many rounds as there are clients', () => {
    const clients = ['a', 'b', 'c', 'd', 'e'];
    const rounds = clients.map((_, index) => turnOrder(clients, index + 1));
    for (let position = 0; position < clients.length; position += 1) {
      expect(new Set(rounds.map((order) => order[position])).size).toBe(clients.length);
    }
    expect(turnOrder([], 2)).toEqual([]);
  });
});
