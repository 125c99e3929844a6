// The targets and how a row is judged against them. Only 'subject' clients
// (Sluice) get a verdict; peers are the yardstick and show their figures only.

export type Target =
  /** reference median ÷ this median ≥ min: "at least min× as fast as the reference". */
  | { kind: 'ratio'; min: number }
  /** median < limit, in the scenario's unit (e.g. 150 MB of RSS, 100 ms to parse). */
  | { kind: 'below'; limit: number };

export type Verdict = 'PASS' | 'FAIL' | 'n/a';

/** Lower is better for every figure here (seconds, MB, ms), so the ratio is ref ÷ value. */
export function ratioTo(reference: number | undefined, value: number | undefined): number | undefined {
  if (reference === undefined || value === undefined || value <= 0) return undefined;
  return reference / value;
}

export function describeTarget(target: Target | undefined, reference: string, unit: string): string {
  if (!target) return '';
  return target.kind === 'ratio' ? `≥ ${target.min.toFixed(1)}× ${reference}` : `< ${target.limit} ${unit}`;
}

export function judge(target: Target | undefined, median: number | undefined, ratio: number | undefined): Verdict {
  if (!target || median === undefined) return 'n/a';
  if (target.kind === 'below') return median < target.limit ? 'PASS' : 'FAIL';
  // No ratio with a figure of its own means the reference failed: nothing to judge against.
  if (ratio === undefined) return 'n/a';
  return ratio >= target.min ? 'PASS' : 'FAIL';
}

export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}
