// Runs every transfer scenario for every client, run by run round-robin (each run of each
// client before the next run of any), so slow drifts of the machine spread over all.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runsOf } from './run-counts';
import { trackOwnRss } from './own-rss';
import type { RunContext, TransferScenario } from './scenarios';
import { turnOrder } from './run-order';
import { readThrough } from './warm-inputs';
import type { ServerCpu } from './server-cpu';
import type { BenchClient, ClientCpu } from './types';

const exec = promisify(execFile);

export interface RunSample {
  seconds: number;
  peakRssKiB?: number;
  /** 'process': the client's own process; 'bench': sampled in the bench process (in-process client). */
  rssOf?: 'process' | 'bench';
  /** CPU the server spent on the run; absent when its sessions did not end soon after. */
  serverCpuSeconds?: number;
  /** CPU the client's own processes spent (GNU time); absent for an in-process client or without /usr/bin/time. */
  clientCpu?: ClientCpu;
}

export interface ClientResult {
  client: string;
  role: BenchClient['role'];
  supported: boolean;
  samples: RunSample[];
  /** First failure; a client that failed once has no figure for the scenario at all. */
  error?: string;
}

export interface ScenarioResult {
  scenario: TransferScenario;
  clients: ClientResult[];
}

export type RunBase = Omit<RunContext, 'slot'> & {
  /** The server's CPU account, when it can be read (see server-cpu.ts). */
  readonly serverCpu?: ServerCpu;
};

/** How long a run's sessions may take to end before the server's CPU for it counts as unknown. */
const SESSIONS_END_MS = 5_000;

/** The server's CPU so far, once no session is left; undefined when that cannot be told. */
async function serverCpuNow(cpu: ServerCpu | undefined): Promise<number | undefined> {
  return cpu !== undefined && (await cpu.settled(SESSIONS_END_MS)) ? cpu.used() : undefined;
}

async function runOnce(s: TransferScenario, client: BenchClient, base: RunBase, run: number): Promise<RunSample> {
  const prepared = await s.prepare({ ...base, slot: `${s.id}-${client.name}-${run}` });
  let failed = false;
  try {
    // Flush earlier runs' dirty pages, so their write-back doesn't land in this run's time.
    await exec('sync');
    const cpuBefore = await serverCpuNow(base.serverCpu);
    const stopRss = trackOwnRss();
    const t0 = performance.now();
    let benchRss = 0;
    const stats = await prepared.invoke(client).finally(() => { benchRss = stopRss(); });
    const seconds = (performance.now() - t0) / 1000;
    const cpuAfter = cpuBefore === undefined ? undefined : await serverCpuNow(base.serverCpu);
    await prepared.verify();
    const sample: RunSample = stats?.peakRssKiB !== undefined
      ? { seconds, peakRssKiB: stats.peakRssKiB, rssOf: 'process' }
      : { seconds, peakRssKiB: benchRss, rssOf: 'bench' };
    if (cpuBefore !== undefined && cpuAfter !== undefined) sample.serverCpuSeconds = cpuAfter - cpuBefore;
    if (stats?.cpu !== undefined) sample.clientCpu = stats.cpu;
    return sample;
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // A clean-up error must not hide why the run failed; after a good run it is one.
    await prepared.cleanup().catch((err: unknown) => {
      if (!failed) throw err;
    });
  }
}

/** Runs each client's untimed set-up once, if it takes part at all; returns the failures by client. */
async function prepareClients(
  scenarios: readonly TransferScenario[], clients: readonly BenchClient[], log: (msg: string) => void,
): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  for (const c of clients) {
    if (!c.prepare || !scenarios.some((s) => typeof c[s.method] === 'function')) continue;
    try {
      await c.prepare();
    } catch (err) {
      errors.set(c.name, `set-up: ${(err as Error).message.split('\n')[0]!.slice(0, 300)}`);
      log(`${c.name} set-up FAILED — ${(err as Error).message}`);
    }
  }
  return errors;
}

export async function measureTransfers(
  scenarios: readonly TransferScenario[],
  clients: readonly BenchClient[],
  runsAsked: number | undefined,
  base: RunBase,
  log: (msg: string) => void,
): Promise<ScenarioResult[]> {
  const setupErrors = await prepareClients(scenarios, clients, log);
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    const rows = clients.map((c): ClientResult => {
      const supported = typeof c[s.method] === 'function';
      const error = supported ? setupErrors.get(c.name) : undefined;
      return { client: c.name, role: c.role, supported, samples: [], ...(error === undefined ? {} : { error }) };
    });
    const warmed = await readThrough(s.inputs(base.source));
    log(`${s.id}: read its ${(warmed / 2 ** 20).toFixed(0)} MiB of inputs once, so that no client's run reads them from disk`);
    const turns = clients.map((client, i) => ({ c: client, row: rows[i]! }));
    const runs = runsOf(s, runsAsked);
    for (let run = 1; run <= runs; run++) {
      for (const { c, row } of turnOrder(turns, run)) {
        if (!row.supported || row.error) continue;
        try {
          const sample = await runOnce(s, c, base, run);
          row.samples.push(sample);
          const rss = sample.peakRssKiB === undefined ? '' : `, ${(sample.peakRssKiB / 1024).toFixed(0)} MiB RSS`;
          const server = sample.serverCpuSeconds === undefined ? '' : `, server CPU ${sample.serverCpuSeconds.toFixed(2)} s`;
          const own = sample.clientCpu === undefined ? '' : `, client CPU ${sample.clientCpu.user.toFixed(2)} user + ${sample.clientCpu.system.toFixed(2)} system`;
          log(`${s.id} ${c.name} run ${run}/${runs}: ${sample.seconds.toFixed(2)} s${rss}${server}${own}`);
        } catch (err) {
          row.error = (err as Error).message.split('\n')[0]!.slice(0, 300);
          row.samples = [];
          log(`${s.id} ${c.name} run ${run}/${runs}: FAILED — ${(err as Error).message}`);
        }
      }
    }
    results.push({ scenario: s, clients: rows });
  }
  return results;
}
