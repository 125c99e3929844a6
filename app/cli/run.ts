import packageJson from '../../package.json' with { type: 'json' };
import type { CliCommand, CliIo } from './command';

/** The text of `sluice --help`. */
export function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length));
  const rows = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `Sluice ${packageJson.version} — FTPS from the command line, with the desktop app's engine and trust store.`,
    '',
    'Usage: sluice <command> [options]',
    '       sluice <command> --help',
    '',
    'Commands:',
    ...(rows.length ? rows : ['  (none yet)']),
    '',
    'Options:',
    '  --help     show this help',
    '  --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI on argv (without node and the script); returns the exit code. */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    io.out(`${packageJson.version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.err(`sluice: unknown command "${first}". Run "sluice --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}
