// The order in which the clients take their turns in one round of a scenario.

/**
 * The clients in round `round` (1-based): the list rotated by `round - 1`, so that over as many
 * rounds as there are clients each one runs once in every position. Whoever runs first in a
 * round runs right after the previous scenario or round and its clean-up, and on this VM that
 * turn was the slow one more often than not.
 */
export function turnOrder<T>(clients: readonly T[], round: number): T[] {
  if (clients.length === 0) return [];
  const shift = (round - 1) % clients.length;
  return [...clients.slice(shift), ...clients.slice(0, shift)];
}
