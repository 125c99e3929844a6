// Plain-text table for stdout: one line per (scenario, client), scenarios separated.
import type { Row } from './report';

const HEAD = ['scenario', 'client', 'runs', 'median', 'ratio', 'target', 'verdict'] as const;

function fmt(v: number, unit: Row['unit']): string {
  return unit === 'ms' ? v.toFixed(1) : unit === 'MB' ? v.toFixed(1) : v.toFixed(2);
}

function cells(r: Row): string[] {
  const unsupported = r.runs === undefined;
  const failed = r.notes.some((n) => n.startsWith('FAILED'));
  const runs = unsupported ? '—' : failed ? 'FAILED' : r.runs!.map((v) => fmt(v, r.unit)).join(' ');
  return [
    r.title,
    r.client,
    runs,
    r.median === undefined ? '—' : `${fmt(r.median, r.unit)} ${r.unit}`,
    r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}× ${r.reference ?? ''}`.trim(),
    r.target,
    r.verdict,
  ];
}

export function renderTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((s, i) => s.padEnd(widths[i]!)).join(' │ ').trimEnd();
  const out = [line(HEAD), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  rows.forEach((r, i) => {
    if (i > 0 && rows[i - 1]!.scenario !== r.scenario) out.push('');
    out.push(line(body[i]!));
  });
  const notes = rows.flatMap((r) => r.notes.map((n) => `  ${r.scenario} / ${r.client}: ${n}`));
  if (notes.length) out.push('', 'notes:', ...notes);
  return out.join('\n');
}
