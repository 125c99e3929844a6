// Turns measurements into table rows: medians, ratios to the reference, targets, verdicts.
import type { ClientResult, RunSample, ScenarioResult } from './measure';
import type { MicroResult } from './micro';
import type { RssScenario } from './scenarios';
import { describeTarget, judge, median, ratioTo, type Target, type Verdict } from './targets';

export interface Row {
  scenario: string;
  title: string;
  client: string;
  role: 'peer' | 'subject' | 'in-process';
  unit: 's' | 'MB' | 'ms';
  /** undefined: the client lacks the method ("—"). */
  runs: number[] | undefined;
  median?: number;
  /** reference median ÷ this median: > 1 means better (faster / smaller) than the reference. */
  ratio?: number;
  reference?: string;
  target: string;
  verdict: Verdict | '';
  notes: string[];
}

const KIB_TO_MB = 1024 / 1e6;

function rowsFor(
  id: string, title: string, unit: Row['unit'], reference: string, target: Target | undefined,
  clients: ClientResult[], value: (c: ClientResult) => number[],
  extraNotes: (c: ClientResult) => string[] = () => [],
): Row[] {
  const medians = new Map(clients.map((c) => [c.client, c.error ? undefined : median(value(c))]));
  return clients.map((c): Row => {
    const m = medians.get(c.client);
    const ratio = ratioTo(medians.get(reference), m);
    const subject = c.role === 'subject';
    return {
      scenario: id, title, client: c.client, role: c.role, unit,
      runs: c.supported ? value(c) : undefined,
      ...(m === undefined ? {} : { median: m }),
      ...(ratio === undefined ? {} : { ratio }),
      reference,
      target: subject ? describeTarget(target, reference, unit) : '',
      verdict: subject ? judge(target, m, ratio) : '',
      notes: [...(c.error ? [`FAILED: ${c.error}`] : []), ...extraNotes(c)],
    };
  });
}

/** `value` of each of a client's runs where it was measured. */
function measured(c: ClientResult, value: (sample: RunSample) => number | undefined): number[] {
  return c.samples.flatMap((sample) => {
    const v = value(sample);
    return v === undefined ? [] : [v];
  });
}

/** The server's CPU in each of a client's runs where it was measured. */
const serverCpuSamples = (c: ClientResult): number[] => measured(c, (x) => x.serverCpuSeconds);

/** Rows of a figure with no target (CPU spent): no verdict; a client's failure is already noted on its time row. */
function figureRows(id: string, title: string, clients: ClientResult[], value: (c: ClientResult) => number[]): Row[] {
  return rowsFor(id, title, 's', '', undefined, clients, value).map((row) => ({ ...row, verdict: '', notes: [] }));
}

/**
 * The shortest time the server's own work allows on `cores` cores: its least CPU over any
 * client's runs, spread perfectly over every core. No client can finish sooner.
 */
function serverFloor(clients: readonly ClientResult[], cores: number): { cpu: number; seconds: number } | undefined {
  const least = Math.min(...clients.filter((c) => !c.error).flatMap(serverCpuSamples));
  return Number.isFinite(least) ? { cpu: least, seconds: least / cores } : undefined;
}

/** The transfer rows; a ratio target that the server's floor puts out of reach says so. */
export function transferRows(results: readonly ScenarioResult[], cores: number): Row[] {
  return results.flatMap(({ scenario: s, clients }) => {
    const floor = serverFloor(clients, cores);
    return rowsFor(s.id, s.title, 's', s.reference, s.target, clients, (c) => c.samples.map((x) => x.seconds)).map((row) => {
      if (row.role !== 'subject' || s.target.kind !== 'ratio' || floor === undefined || row.ratio === undefined || row.median === undefined) return row;
      const allowed = (row.ratio * row.median) / s.target.min;
      if (allowed >= floor.seconds) return row;
      const why = `the target allows ${allowed.toFixed(2)} s, but the server alone needs ≥ ${floor.seconds.toFixed(2)} s here ` +
        `(its least CPU in a run, ${floor.cpu.toFixed(2)} s, over ${cores} cores): out of reach on this machine`;
      return { ...row, notes: [...row.notes, why] };
    });
  });
}

/** What the server spent on each client's runs: it shows which share of the time a client can still win. */
export function serverCpuRows(results: readonly ScenarioResult[]): Row[] {
  return results.flatMap(({ scenario: s, clients }) =>
    clients.some((c) => serverCpuSamples(c).length > 0)
      ? figureRows(`${s.id}-server`, `${s.title}: server CPU`, clients, serverCpuSamples)
      : []);
}

/**
 * The client's own CPU per run, user and system apart: user time is the client's own work,
 * system time mostly the kernel's (sockets, and filling the page cache, whose cost on the
 * bench's VM changes by the minute).
 */
export function clientCpuRows(results: readonly ScenarioResult[]): Row[] {
  return results.flatMap(({ scenario: s, clients }) => {
    if (!clients.some((c) => c.samples.some((x) => x.clientCpu !== undefined))) return [];
    return (['user', 'system'] as const).flatMap((which) =>
      figureRows(`${s.id}-client-${which}`, `${s.title}: client ${which} CPU`, clients, (c) => measured(c, (x) => x.clientCpu?.[which])));
  });
}

export function rssRows(results: readonly ScenarioResult[], scenarios: readonly RssScenario[]): Row[] {
  return scenarios.flatMap((r) => {
    const from = results.find((x) => x.scenario.id === r.from);
    if (!from) return [];
    return rowsFor(r.id, r.title, 'MB', r.reference, r.target, from.clients,
      (c) => measured(c, (x) => (x.peakRssKiB === undefined ? undefined : x.peakRssKiB * KIB_TO_MB)),
      (c) => (c.samples.some((x) => x.rssOf === 'bench') ? ['RSS sampled in the bench process (in-process client)'] : []));
  });
}

/** A micro scenario's row (target judged on its own time), then its peer's, with the ratio of the two. */
export function microRows(results: readonly MicroResult[]): Row[] {
  return results.flatMap(({ scenario: m, samplesMs, peerSamplesMs, error }): Row[] => {
    const med = error ? undefined : median(samplesMs);
    const peer = m.peer;
    const peerMedian = error || peerSamplesMs === undefined ? undefined : median(peerSamplesMs);
    const ratio = ratioTo(peerMedian, med);
    const own: Row = {
      scenario: m.id, title: m.title, client: 'in-process', role: 'in-process', unit: 'ms',
      runs: samplesMs, ...(med === undefined ? {} : { median: med }),
      ...(ratio === undefined || peer === undefined ? {} : { ratio, reference: peer.name }),
      target: describeTarget(m.target, '', 'ms'), verdict: judge(m.target, med, undefined),
      notes: error ? [`FAILED: ${error}`] : [],
    };
    if (peer === undefined || peerSamplesMs === undefined) return [own];
    return [own, {
      scenario: m.id, title: m.title, client: peer.name, role: 'peer', unit: 'ms',
      runs: peerSamplesMs, ...(peerMedian === undefined ? {} : { median: peerMedian, ratio: 1 }),
      reference: peer.name, target: '', verdict: '', notes: [peer.note],
    }];
  });
}
