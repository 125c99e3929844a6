import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks one question on the terminal; with `hidden`, what is typed is not echoed. */
export async function askOnTerminal(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const terminal = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      terminal.question(question, resolve);
      muted = options.hidden === true;
    });
  } finally {
    if (options.hidden) process.stderr.write('\n');
    terminal.close();
  }
}
