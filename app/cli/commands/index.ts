import type { CliCommand } from '../command';
import { certCommand } from './cert';
import { getCommand } from './get';
import { lsCommand } from './ls';
import { mirrorCommand } from './mirror';
import { mkdirCommand } from './mkdir';
import { mvCommand } from './mv';
import { probeCommand } from './probe';
import { putCommand } from './put';
import { rmCommand } from './rm';
import { sitesCommand } from './sites';

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  lsCommand,
  getCommand,
  putCommand,
  mirrorCommand,
  rmCommand,
  mkdirCommand,
  mvCommand,
  probeCommand,
  certCommand,
  sitesCommand,
];
