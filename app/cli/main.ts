import { commands } from './commands';
import { runCli } from './run';

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  env: process.env,
  isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
};

runCli(process.argv.slice(2), commands, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(`sluice: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
