// results.json: everything the table shows plus the raw runs, for the README's
// performance section and for comparing runs over time.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchArgs } from './args';
import type { Environment } from './environment';
import type { Row } from './report';

export interface BenchResults {
  environment: Environment;
  settings: { runs: number | 'per scenario'; microRuns: number; server: string; tlsVersion: string; requireSessionReuse: boolean };
  clientNotes: Record<string, string>;
  rows: Row[];
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
}

export function settingsOf(args: BenchArgs): BenchResults['settings'] {
  return { runs: args.runs ?? 'per scenario', microRuns: args.microRuns, server: 'vsftpd', tlsVersion: args.tls, requireSessionReuse: true };
}
