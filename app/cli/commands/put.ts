import path from 'node:path';
import { parseArgs } from 'node:util';
import { isRemoteFolder } from '../../../main/mirror/remote-folder';
import { joinRemote } from '../../../main/session/remote-path';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { humanSize } from '../human-size';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice put LOCAL URL`: uploads one file. */
export const putCommand: CliCommand = {
  name: 'put',
  summary: 'upload a file',
  usage: `Usage: sluice put LOCAL URL [--resume]

Uploads the file LOCAL to URL (a file, or a folder to put it in when it ends with "/" or
is one). The size is checked with SIZE afterwards and the modification time set with MFMT
when the server offers them.
  --resume              continue a partial remote file (REST+STOR, else APPE)
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...remoteFlagOptions, resume: { type: 'boolean' } } });
    expectPositionals(positionals, 2, 'put takes a local file and a remote place, e.g. sluice put a.txt ftpes://me@host/in/');
    const local = path.resolve(positionals[0]!);
    const remote = await resolveRemote(parseRemoteTarget(positionals[1]!), values, io, askOnTerminal);
    return reportingFailure(io, remote, async () => {
      const result = await withClient(remote, async (client) => {
        const name = path.basename(local);
        const target = remote.path.endsWith('/') || (await isRemoteFolder(client, remote.path)) ? joinRemote(remote.path, name) : remote.path;
        const uploaded = await client.upload(local, target, { resume: values.resume === true });
        return { target, uploaded };
      });
      const resumed = result.uploaded.resumedFrom > 0 ? `, resumed at ${humanSize(result.uploaded.resumedFrom)}` : '';
      io.out(`${local} → ${result.target} (${humanSize(result.uploaded.size)}${resumed})\n`);
      return 0;
    });
  },
};
