// How many timed runs each scenario gets (the table's medians are of these).

/** Timed runs per scenario and client when a scenario names no count of its own. */
export const DEFAULT_RUNS = 3;

/** What a run count depends on: a scenario's id and its own default, if any. */
interface Counted {
  readonly id: string;
  readonly defaultRuns?: number;
}

/** How many runs a scenario gets: `--runs` when given, else the scenario's own default, else DEFAULT_RUNS. */
export function runsOf(scenario: Counted, runs: number | undefined): number {
  return runs ?? scenario.defaultRuns ?? DEFAULT_RUNS;
}

/** The header's word on run counts: "median of 3", or per scenario where they differ ("median of 7 runs for big-down, big-up; 3 for tree-down"). */
export function runsSummary(scenarios: readonly Counted[], runs: number | undefined): string {
  const idsByCount = new Map<number, string[]>();
  for (const scenario of scenarios) {
    const count = runsOf(scenario, runs);
    idsByCount.set(count, [...(idsByCount.get(count) ?? []), scenario.id]);
  }
  const groups = [...idsByCount];
  if (groups.length <= 1) return `median of ${groups[0]?.[0] ?? runs ?? DEFAULT_RUNS}`;
  return `median of ${groups.map(([count, ids], index) => `${count}${index === 0 ? ' runs' : ''} for ${ids.join(', ')}`).join('; ')}`;
}
