import { parseArgs } from 'node:util';
import { isRemoteFolder } from '../../../main/mirror/remote-folder';
import { deleteRemoteTree } from '../../../main/session/remote-delete';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice rm URL [-r]`: deletes a remote file, or a folder with -r. */
export const rmCommand: CliCommand = {
  name: 'rm',
  summary: 'delete a remote file (or a folder and everything in it with -r)',
  usage: `Usage: sluice rm URL [-r]

Deletes the remote file URL names. With -r, a folder is deleted with everything in it;
links inside are deleted as links, never followed.
  -r, --recursive       delete a folder and its contents
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...remoteFlagOptions, recursive: { type: 'boolean', short: 'r' } } });
    expectPositionals(positionals, 1, 'rm takes one remote path, e.g. sluice rm ftpes://me@host/old.txt');
    const remote = await resolveRemote(parseRemoteTarget(positionals[0]!), values, io, askOnTerminal);
    if (remote.path === '/' || remote.path === '') throw new Error('rm will not delete the root folder');
    return reportingFailure(io, remote, () =>
      withClient(remote, async (client) => {
        if (!(await isRemoteFolder(client, remote.path))) {
          await client.delete(remote.path);
          return 0;
        }
        if (values.recursive !== true) throw new Error(`${remote.path} is a folder: use rm -r to delete it with its contents`);
        await deleteRemoteTree(client, remote.path);
        return 0;
      }),
    );
  },
};
