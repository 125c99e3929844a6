/** Where a command writes; injected so tests can capture it. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly isTty: boolean;
}

/** One `sluice <name>` subcommand. */
export interface CliCommand {
  readonly name: string;
  /** One line for `sluice --help`. */
  readonly summary: string;
  /** Full usage for `sluice <name> --help`. */
  readonly usage: string;
  /** Returns the process exit code: 0 only when everything succeeded. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
