// Command line of test/bench/run.ts.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Scenario ids and/or client names to keep; empty = everything. */
  only: string[];
  /** Timed runs per scenario and client; undefined: each scenario's own default (see runsOf). */
  runs: number | undefined;
  microRuns: number;
  tls: '1.2' | '1.3';
}

export const USAGE = `usage: npm run bench -- [--only NAME[,NAME…]] [--runs N] [--micro-runs N] [--tls 1.2|1.3]
  --only        scenario ids (big-down big-up tree-down tree-up rss-down rss-up queue-10k, micro ids)
                and/or client names (sluice sluice-queue curl lftp lftp-p1); repeatable
  --runs        timed runs per scenario and client, median reported (minimum 1; default 3,
                7 for big-down and big-up, whose runs spread the most)
  --micro-runs  timed repeats of each in-process micro scenario (default 10)
  --tls         TLS version the vsftpd is pinned to (default 1.3)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number;
function positiveInt(name: string, raw: string | undefined, fallback: undefined): number | undefined;
function positiveInt(name: string, raw: string | undefined, fallback: number | undefined): number | undefined {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      'micro-runs': { type: 'string' },
      tls: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const tls = values.tls ?? '1.3';
  if (tls !== '1.2' && tls !== '1.3') throw new Error(`--tls must be 1.2 or 1.3, got ${tls}`);
  return {
    only: (values.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    runs: positiveInt('runs', values.runs, undefined),
    microRuns: positiveInt('micro-runs', values['micro-runs'], 10),
    tls,
  };
}
