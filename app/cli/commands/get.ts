import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { partPath } from '../../../main/ftp/local-target';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { humanSize } from '../human-size';
import { askOnTerminal } from '../prompt';
import { reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice get URL [LOCAL]`: downloads one file. */
export const getCommand: CliCommand = {
  name: 'get',
  summary: 'download a file',
  usage: `Usage: sluice get URL [LOCAL] [--resume]

Downloads the file URL names into LOCAL (a file, or a folder to put it in; default: the
current folder). The data goes to a temporary ".NAME.sluice-part" first and takes its
final name only when complete and its size checked; the modification time is kept.
  --resume              continue from the temporary file an interrupted download left
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...remoteFlagOptions, resume: { type: 'boolean' } } });
    if (positionals.length < 1 || positionals.length > 2) throw new Error('get takes a remote file and optionally where to put it, e.g. sluice get ftpes://me@host/a.txt .');
    const remote = await resolveRemote(parseRemoteTarget(positionals[0]!), values, io, askOnTerminal);
    const name = path.posix.basename(remote.path);
    if (name === '' || name === '.' || name === '..') throw new Error(`${remote.path} names no file`);
    const local = await localTarget(positionals[1], name);
    return reportingFailure(io, remote, async () => {
      try {
        const result = await withClient(remote, (client) => client.download(remote.path, local, { resume: values.resume === true }));
        const resumed = result.resumedFrom > 0 ? `, resumed at ${humanSize(result.resumedFrom)}` : '';
        io.out(`${remote.path} → ${local} (${humanSize(result.size)}${resumed})\n`);
        return 0;
      } catch (error) {
        await explainPartial(local, io.err);
        throw error;
      }
    });
  },
};

/** Where the file goes: LOCAL, inside LOCAL when it is a folder, or the remote name in the current folder. */
async function localTarget(given: string | undefined, name: string): Promise<string> {
  if (given === undefined) return path.resolve(name);
  const stats = await stat(given).catch(() => undefined);
  return stats?.isDirectory() === true ? path.resolve(given, name) : path.resolve(given);
}

/** An empty temporary file is no use to a resume; a partial one is kept for `--resume` and mentioned. */
async function explainPartial(local: string, err: (text: string) => void): Promise<void> {
  const part = partPath(local);
  const stats = await stat(part).catch(() => undefined);
  if (stats === undefined) return;
  if (stats.size === 0) await unlink(part).catch(() => undefined);
  else err(`sluice: ${humanSize(stats.size)} arrived and are kept in ${part}; run again with --resume to continue.\n`);
}
