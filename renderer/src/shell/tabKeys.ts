/**
 * The ARIA tabs keyboard pattern: the index of the tab a key moves to (arrows wrap around,
 * Home and End go to the ends), or undefined when the key is not a tab key.
 */
export function tabIndexForKey(key: string, current: number, count: number): number | undefined {
  const moves: Record<string, number> = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: count - 1 };
  const to = moves[key];
  return to === undefined ? undefined : (to + count) % count;
}
