import { parseArgs } from 'node:util';
import path from 'node:path';
import { defaultDataDir } from '../common/data-dir';

/** The web host's command line: `--port N` (0 picks a free one) and `--data-dir DIR`. */
export interface WebHostArgs {
  readonly port: number;
  readonly dataDir: string;
}

/** Parses argv; throws a plain-sentence Error on bad input. */
export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not ${values.port}`);
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  return { port, dataDir };
}
