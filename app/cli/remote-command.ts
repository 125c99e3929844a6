import type { CliIo } from './command';
import type { RemoteSite } from './connect';

/** Runs a command's work; a failure becomes one line on stderr and exit code 1. */
export async function reportingFailure(io: CliIo, remote: RemoteSite, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    io.err(`sluice: ${remote.explain(error)}\n`);
    return 1;
  }
}

/** Fails with a usage sentence unless exactly `count` arguments were given. */
export function expectPositionals(given: readonly string[], count: number, usage: string): void {
  if (given.length !== count) throw new Error(usage);
}
