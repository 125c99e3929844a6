import type { Unsubscribe } from '../../../shared/contract/service';

/**
 * Subscribes without letting a missing event take the window down: a shell whose main
 * side does not offer a service yet throws on subscribe (the Electron preload does), and
 * the rest of the window must keep working.
 */
export function subscribeSafely(subscribe: () => Unsubscribe): Unsubscribe {
  try {
    return subscribe();
  } catch {
    return () => undefined;
  }
}

/** Runs every unsubscribe; what a slice's `start()` returns. */
export function unsubscribeAll(stops: readonly Unsubscribe[]): Unsubscribe {
  return () => stops.forEach((stop) => stop());
}
