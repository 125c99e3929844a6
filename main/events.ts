import type { Unsubscribe } from '../shared/contract/service';

/** A minimal typed event source whose `subscribe` is the `onX` member of a service. */
export class Emitter<T> {
  private readonly listeners = new Set<(payload: T) => void>();

  /** Adds a listener; bound so it can be exposed directly as `onX`. */
  readonly subscribe = (listener: (payload: T) => void): Unsubscribe => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Delivers to every listener; one throwing listener does not starve the others. */
  fire(payload: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(payload);
      } catch {
        // A listener's failure is its own; the event source keeps serving the rest.
      }
    }
  }
}
