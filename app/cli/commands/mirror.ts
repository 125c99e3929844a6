import { parseArgs } from 'node:util';
import { exclusions } from '../../../main/mirror/exclusions';
import { SplitTransfers } from '../../../main/mirror/file-transfers';
import { mirrorDown } from '../../../main/mirror/mirror-down';
import { mirrorUp } from '../../../main/mirror/mirror-up';
import type { CliCommand } from '../command';
import { openPool, remoteFlagOptions, remoteFlagsUsage, resolveRemote } from '../connect';
import { beginLane, splitConnections, startLane } from '../lane';
import { progressLine, reportMirror } from '../mirror-report';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

const DEFAULT_PARALLEL = 4;
const MAX_PARALLEL = 16;

/** `sluice mirror URL LOCALDIR` and `sluice mirror --reverse LOCALDIR URL`: recursive copies over parallel connections. */
export const mirrorCommand: CliCommand = {
  name: 'mirror',
  summary: 'copy a folder tree down (or up with --reverse) over parallel connections',
  usage: `Usage: sluice mirror URL LOCALDIR [-P N] [--only-newer] [--exclude GLOB]... [--dry-run]
       sluice mirror --reverse LOCALDIR URL [-P N] [--only-newer] [--exclude GLOB]... [--dry-run]

Copies the remote folder URL into LOCALDIR, recursively (or LOCALDIR to URL with
--reverse), over N connections, keeping modification times. Symbolic links are never
followed or created; names unsafe on this system are skipped with a warning. Exit code 0
only when every file arrived whole.
  -P, --parallel N      connections to use (default ${DEFAULT_PARALLEL}, or a saved site's limit; at most ${MAX_PARALLEL})
  --only-newer          skip files whose copy is at least as new and the same size
  --exclude GLOB        leave out what matches (repeatable): a name at any depth (*.tmp, .git),
                        a path from the top folder if it holds a / (build/cache), folders only
                        if it ends in / (cache/); ** crosses folders. A folder left out is not entered
  --dry-run             list what would be moved, and change nothing (no folder made, no file moved)
  -R, --reverse         upload LOCALDIR to URL
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...remoteFlagOptions, parallel: { type: 'string', short: 'P' }, 'only-newer': { type: 'boolean' }, exclude: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, reverse: { type: 'boolean', short: 'R' } },
    });
    expectPositionals(positionals, 2, values.reverse === true ? 'mirror --reverse takes a local folder and a remote one' : 'mirror takes a remote folder and a local one');
    const reverse = values.reverse === true;
    const [remoteText, localDir] = reverse ? [positionals[1]!, positionals[0]!] : [positionals[0]!, positionals[1]!];
    // A bad pattern is refused before any password is asked for.
    const exclude = values.exclude === undefined ? {} : { exclude: exclusions(values.exclude) };
    const remote = await resolveRemote(parseRemoteTarget(remoteText), values, io, askOnTerminal);
    const parallel = parallelOf(values.parallel, remote.connectionLimit);
    const dryRun = values['dry-run'] === true;
    // Files share the connections with a transfer lane in a worker thread (lane.ts); a dry run
    // moves none, and lists over this thread's connections.
    const split = dryRun ? { here: parallel, lane: 0 } : splitConnections(parallel);
    return reportingFailure(io, remote, async () => {
      const pool = openPool(remote, split.here);
      const options = { onlyNewer: values['only-newer'] === true, dryRun, ...exclude, ...optionalProgress(io) };
      const lane = split.lane > 0 ? startLane(split.lane) : undefined;
      try {
        // Connect first: a refused certificate or login is explained as such, not as a failed folder.
        await pool.run(async () => undefined);
        if (lane !== undefined) beginLane(lane, remote, pool);
        const transfers = lane === undefined ? {} : { transfers: new SplitTransfers(pool, split.here, lane) };
        const result = reverse
          ? await mirrorUp(pool, localDir, remote.path, { ...options, ...transfers })
          : await mirrorDown(pool, remote.path, localDir, { ...options, ...transfers });
        return reportMirror(io, result, dryRun ? (reverse ? 'upload' : 'download') : undefined);
      } finally {
        await lane?.close();
        await pool.close();
      }
    });
  },
};

function parallelOf(flag: string | undefined, siteLimit: number | undefined): number {
  if (flag === undefined) return siteLimit ?? DEFAULT_PARALLEL;
  const value = Number(flag);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PARALLEL) throw new Error(`-P takes a whole number from 1 to ${MAX_PARALLEL}, not ${flag}`);
  return value;
}

function optionalProgress(io: Parameters<CliCommand['run']>[1]) {
  const onProgress = progressLine(io);
  return onProgress === undefined ? {} : { onProgress };
}
