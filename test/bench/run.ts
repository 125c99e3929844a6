// `npm run bench`: Sluice next to curl and lftp against a loopback vsftpd that requires
// TLS session reuse on data connections. See README.md. Not part of `npm test`.
import { rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../support/servers/index';
import { parseBenchArgs, USAGE } from './args';
import { DEFAULT_RUNS, runsSummary } from './run-counts';
import { CLIENTS } from './clients/index';
import { describeEnvironment } from './environment';
import { ensureManyFiles } from './many-files';
import { measureTransfers, type ScenarioResult } from './measure';
import { measureMicro, type MicroResult } from './micro';
import { MICRO } from './micro/index';
import { measureQueue10k, queue10kRows, WEB, WEB_CLIENT, WEB_CLIENT_NOTE, type WebQueueResult } from './queue-10k';
import { clientCpuRows, microRows, rssRows, serverCpuRows, transferRows } from './report';
import { settingsOf, writeResults } from './results-file';
import { RSS, TRANSFERS } from './scenarios';
import { seedManyFiles, seedServer } from './seed';
import { select } from './select';
import { serverCpuOf, type ServerCpu } from './server-cpu';
import { ensureSourceData } from './source-data';
import { renderTable } from './table';
import type { BenchSite } from './types';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(REPO, '.tmp/bench');
const OUT_DIR = path.join(CACHE_DIR, 'out'); // downloads land here; removed after each run and at the end
const RESULTS = path.join(CACHE_DIR, 'results.json');

const log = (msg: string) => console.error(`[bench] ${msg}`); // progress on stderr, the table on stdout

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  process.on('SIGINT', () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    process.exit(130); // exit hooks stop the server and any client still running
  });

  // Client names exist only once a site does: select against placeholder clients first,
  // so a typo in --only fails before a server starts or 1 GiB is generated.
  const placeholder: BenchSite = { host: '127.0.0.1', port: 0, user: '', password: '', caPath: '', tlsVersion: args.tls };
  let selection;
  try {
    selection = select(args.only, { transfers: TRANSFERS, rss: RSS, micro: MICRO, web: WEB, clients: CLIENTS.map((f) => f(placeholder)) });
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const wanted = new Set(selection.clients.map((c) => c.name));

  const environment = describeEnvironment();
  // Micro scenarios first, on a fresh heap: after the transfer scenarios (Chromium driven from
  // this process, many result objects) collections of that heap were timed along with the parse.
  const microResults: MicroResult[] = [];
  for (const m of selection.micro) microResults.push(await measureMicro(m, args.microRuns));

  let transferResults: ScenarioResult[] = [];
  let webResult: WebQueueResult | undefined;
  const clientNotes: Record<string, string> = {};
  if (selection.transfers.length || selection.web.length) {
    const source = await ensureSourceData(CACHE_DIR, log);
    const many = selection.web.length ? await ensureManyFiles(CACHE_DIR, log) : undefined;
    let server: RunningServer | undefined;
    let serverCpu: ServerCpu | undefined;
    try {
      // Logging as in production (transfers only): the tests' per-command and TLS debug logs cost
      // the server CPU that the clients share on a 2-core machine.
      server = await startServer('vsftpd', { requireSessionReuse: true, tlsVersion: args.tls, quietLogs: true });
      log(`vsftpd on ${server.host}:${server.port}, TLS ${args.tls}, session reuse required, transfer log only`);
      serverCpu = serverCpuOf(server.pid);
      if (serverCpu === undefined) log('no cgroup to write here: the server CPU rows are left out');
      await seedServer(server.root, source);
      if (many) await seedManyFiles(server.root, many.dir);
      const site: BenchSite = { host: server.host, port: server.port, user: server.user,
        password: server.password, caPath: server.caPath, tlsVersion: args.tls };
      await mkdir(OUT_DIR, { recursive: true });
      if (selection.transfers.length) {
        const clients = CLIENTS.map((f) => f(site)).filter((c) => wanted.has(c.name));
        for (const c of clients) clientNotes[c.name] = c.note;
        transferResults = await measureTransfers(selection.transfers, clients, args.runs,
          { source, serverRoot: server.root, outDir: OUT_DIR, ...(serverCpu === undefined ? {} : { serverCpu }) }, log);
      }
      if (many) {
        clientNotes[WEB_CLIENT] = WEB_CLIENT_NOTE;
        webResult = await measureQueue10k(site, many, OUT_DIR, args.runs ?? DEFAULT_RUNS, log);
      }
    } finally {
      await server?.stop();
      serverCpu?.dispose();
      await rm(OUT_DIR, { recursive: true, force: true });
    }
  }

  const env = await environment;
  const rows = [...transferRows(transferResults, env.cores), ...serverCpuRows(transferResults), ...clientCpuRows(transferResults),
    ...rssRows(transferResults, selection.rss),
    ...(webResult ? queue10kRows(webResult) : []), ...microRows(microResults)];
  const loadNow = os.loadavg()[0]!;
  console.log(`\nSluice bench — ${env.date}, ${env.cpu} × ${env.cores}, ${env.memoryGiB} GiB, ` +
    `vsftpd (TLS ${args.tls}, reuse required), ${runsSummary(selection.transfers, args.runs)}`);
  console.log(`load average: ${env.loadAtStart.toFixed(2)} at start, ${loadNow.toFixed(2)} at end ` +
    `(above ~${env.cores / 2}, other work is skewing the figures)`);
  console.log('ratio = reference median ÷ this median (> 1: faster / smaller than the reference)\n');
  console.log(rows.length ? renderTable(rows) : '(nothing selected)');
  if (Object.keys(clientNotes).length) {
    console.log('\nclients:');
    for (const [name, note] of Object.entries(clientNotes)) console.log(`  ${name}: ${note}`);
  }
  await writeResults(RESULTS, { environment: env, settings: settingsOf(args), clientNotes, rows });
  console.log(`\nresults: ${path.relative(REPO, RESULTS)}`);
  // Exit status judges Sluice only: a peer failing (see the notes) is a fact about the peer.
  const failed = rows.some((r) => r.role !== 'peer' &&
    (r.verdict === 'FAIL' || r.notes.some((n) => n.startsWith('FAILED'))));
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
