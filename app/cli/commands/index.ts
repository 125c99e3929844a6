import type { CliCommand } from '../command';
import { probeCommand } from './probe';

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [probeCommand];
