import type { MirrorProgress, MirrorResult } from '../../main/mirror/mirror-types';
import type { CliIo } from './command';
import { describeError } from './connect';
import { humanRate, humanSize } from './human-size';

/** A progress line redrawn in place on a terminal; nothing when stderr is not one. */
export function progressLine(io: CliIo): ((progress: MirrorProgress) => void) | undefined {
  if (!io.isTty) return undefined;
  return (progress) => {
    const total = progress.walked ? String(progress.filesTotal) : `${progress.filesTotal}+`;
    io.err(`\r\x1b[K${progress.filesDone}/${total} files, ${humanSize(progress.bytesDone)}, ${humanRate(progress.bytesPerSecond)}`);
  };
}

/** How a dry run names what it would do with each planned file. */
export type DryRunVerb = 'download' | 'upload';

/**
 * Prints a mirror's summary: the totals on stdout, each skip and failure on stderr; returns the
 * exit code. After a dry run (`verb` given), each file it would move comes first, on stdout.
 */
export function reportMirror(io: CliIo, result: MirrorResult, verb?: DryRunVerb): number {
  if (io.isTty) io.err('\r\x1b[K');
  if (verb !== undefined) for (const plan of result.planned) io.out(`would ${verb} ${plan.path}${plan.size === undefined ? '' : ` (${humanSize(plan.size)})`}\n`);
  for (const skip of result.skipped) io.err(`sluice: warning: skipped ${skip.path}: ${skip.reason}\n`);
  for (const failure of result.failed) io.err(`sluice: failed: ${failure.path}: ${describeError(failure.error)}\n`);
  if (verb !== undefined) {
    const bytes = result.planned.reduce((sum, plan) => sum + (plan.size ?? 0), 0);
    io.out(`dry run: ${result.planned.length} files (${humanSize(bytes)}) would be ${verb}ed; ${result.folders} folders${tail(result)}; nothing changed\n`);
    return result.failed.length === 0 ? 0 : 1;
  }
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? `, ${humanRate(result.bytes / seconds)}` : '';
  io.out(
    `${result.files} files (${humanSize(result.bytes)}) in ${seconds.toFixed(1)} s${rate}; ${result.folders} folders` +
      `${tail(result)}\n`,
  );
  if (result.failed.length > 0) io.err(`sluice: ${result.failed.length} of ${result.files + result.failed.length} did not arrive whole.\n`);
  return result.failed.length === 0 ? 0 : 1;
}

/** The skipped, excluded and failed counts of a summary line, where there are any. */
function tail(result: MirrorResult): string {
  const skipped = result.skipped.length ? `; ${result.skipped.length} skipped` : '';
  const excluded = result.excluded ? `; ${result.excluded} excluded` : '';
  return `${skipped}${excluded}${result.failed.length ? `; ${result.failed.length} FAILED` : ''}`;
}
