import type { CliCommand } from '../command';
import { certCommand } from './cert';
import { probeCommand } from './probe';
import { sitesCommand } from './sites';

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [probeCommand, certCommand, sitesCommand];
