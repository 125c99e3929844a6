import type { CliCommand } from '../command';

/**
 * Every subcommand, in the order `--help` lists them. The FTPS commands (probe, ls, get,
 * put, mirror, cert, sites) arrive with the engine.
 */
export const commands: readonly CliCommand[] = [];
