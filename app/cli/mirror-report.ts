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

/** Prints a mirror's summary: the totals on stdout, each skip and failure on stderr; returns the exit code. */
export function reportMirror(io: CliIo, result: MirrorResult): number {
  if (io.isTty) io.err('\r\x1b[K');
  for (const skip of result.skipped) io.err(`sluice: warning: skipped ${skip.path}: ${skip.reason}\n`);
  for (const failure of result.failed) io.err(`sluice: failed: ${failure.path}: ${describeError(failure.error)}\n`);
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? `, ${humanRate(result.bytes / seconds)}` : '';
  io.out(
    `${result.files} files (${humanSize(result.bytes)}) in ${seconds.toFixed(1)} s${rate}; ${result.folders} folders` +
      `${result.skipped.length ? `; ${result.skipped.length} skipped` : ''}${result.excluded ? `; ${result.excluded} excluded` : ''}${result.failed.length ? `; ${result.failed.length} FAILED` : ''}\n`,
  );
  if (result.failed.length > 0) io.err(`sluice: ${result.failed.length} of ${result.files + result.failed.length} did not arrive whole.\n`);
  return result.failed.length === 0 ? 0 : 1;
}
