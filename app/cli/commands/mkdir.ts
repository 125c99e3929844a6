import { parseArgs } from 'node:util';
import { makeRemotePath } from '../../../main/mirror/remote-folder';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice mkdir URL [-p]`: creates a remote folder. */
export const mkdirCommand: CliCommand = {
  name: 'mkdir',
  summary: 'create a remote folder',
  usage: `Usage: sluice mkdir URL [-p]

Creates the remote folder URL names.
  -p, --parents         also create missing parent folders; an existing folder is fine
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...remoteFlagOptions, parents: { type: 'boolean', short: 'p' } } });
    expectPositionals(positionals, 1, 'mkdir takes one remote path, e.g. sluice mkdir ftpes://me@host/new');
    const remote = await resolveRemote(parseRemoteTarget(positionals[0]!), values, io, askOnTerminal);
    return reportingFailure(io, remote, () =>
      withClient(remote, async (client) => {
        if (values.parents === true) await makeRemotePath(client, remote.path);
        else await client.mkdir(remote.path);
        return 0;
      }),
    );
  },
};
