import { parseArgs } from 'node:util';
import { joinRemote, remoteParent } from '../../../main/session/remote-path';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice mv URL NEWPATH`: renames or moves on the server. */
export const mvCommand: CliCommand = {
  name: 'mv',
  summary: 'rename or move a remote file or folder',
  usage: `Usage: sluice mv URL NEWPATH

Renames (RNFR/RNTO) what URL names to NEWPATH on the same server: an absolute path, or a
name relative to the folder URL is in.
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: remoteFlagOptions });
    expectPositionals(positionals, 2, 'mv takes a remote path and its new path, e.g. sluice mv ftpes://me@host/a.txt b.txt');
    const remote = await resolveRemote(parseRemoteTarget(positionals[0]!), values, io, askOnTerminal);
    const newPath = positionals[1]!;
    if (newPath === '' || /[\r\n\0]/.test(newPath)) throw new Error('NEWPATH must be a path without line breaks');
    const target = newPath.startsWith('/') ? newPath : joinRemote(remoteParent(remote.path) ?? '/', newPath);
    return reportingFailure(io, remote, () =>
      withClient(remote, async (client) => {
        await client.rename(remote.path, target);
        io.out(`${remote.path} → ${target}\n`);
        return 0;
      }),
    );
  },
};
