/**
 * Runs operations of one session one after another. A transfer is several commands (TYPE,
 * EPSV, REST, RETR); another caller's command slipped between REST and RETR would cancel the
 * REST, and one between EPSV and RETR may confuse a server. One command in flight is not
 * enough: one operation at a time is.
 */
export class OperationLock {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `operation` once every operation started before it has settled. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
