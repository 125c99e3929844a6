// Turns measurements into table rows: medians, ratios to the reference, targets, verdicts.
import type { ClientResult, ScenarioResult } from './measure';
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
  id: string, title: string, unit: Row['unit'], reference: string, target: Target,
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

export function transferRows(results: readonly ScenarioResult[]): Row[] {
  return results.flatMap(({ scenario: s, clients }) =>
    rowsFor(s.id, s.title, 's', s.reference, s.target, clients, (c) => c.samples.map((x) => x.seconds)));
}

export function rssRows(results: readonly ScenarioResult[], scenarios: readonly RssScenario[]): Row[] {
  return scenarios.flatMap((r) => {
    const from = results.find((x) => x.scenario.id === r.from);
    if (!from) return [];
    return rowsFor(r.id, r.title, 'MB', r.reference, r.target, from.clients,
      (c) => c.samples.flatMap((x) => (x.peakRssKiB === undefined ? [] : [x.peakRssKiB * KIB_TO_MB])),
      (c) => (c.samples.some((x) => x.rssOf === 'bench') ? ['RSS sampled in the bench process (in-process client)'] : []));
  });
}

export function microRows(results: readonly MicroResult[]): Row[] {
  return results.map(({ scenario: m, samplesMs, error }): Row => {
    const med = error ? undefined : median(samplesMs);
    return {
      scenario: m.id, title: m.title, client: 'in-process', role: 'in-process', unit: 'ms',
      runs: samplesMs, ...(med === undefined ? {} : { median: med }),
      target: describeTarget(m.target, '', 'ms'), verdict: judge(m.target, med, undefined),
      notes: error ? [`FAILED: ${error}`] : [],
    };
  });
}
