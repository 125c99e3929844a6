import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { remoteFlagOptions, remoteFlagsUsage, resolveRemote, withClient } from '../connect';
import { longListing, shortListing } from '../listing-format';
import { askOnTerminal } from '../prompt';
import { expectPositionals, reportingFailure } from '../remote-command';
import { parseRemoteTarget } from '../remote-target';

/** `sluice ls URL`: lists a remote folder. */
export const lsCommand: CliCommand = {
  name: 'ls',
  summary: 'list a remote folder',
  usage: `Usage: sluice ls URL [--json] [-l]

Lists the folder URL names (MLSD when the server offers it, else LIST).
  --json                print the entries as JSON
  -l, --long            type, permissions, size, time (UTC) and name
${remoteFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...remoteFlagOptions, json: { type: 'boolean' }, long: { type: 'boolean', short: 'l' } },
    });
    expectPositionals(positionals, 1, 'ls takes one remote folder, e.g. sluice ls ftpes://me@host/pub');
    const remote = await resolveRemote(parseRemoteTarget(positionals[0]!), values, io, askOnTerminal);
    return reportingFailure(io, remote, async () => {
      const { entries } = await withClient(remote, (client) => client.list(remote.path));
      if (values.json === true) io.out(`${JSON.stringify(entries, null, 2)}\n`);
      else io.out(values.long === true ? longListing(entries) : shortListing(entries));
      return 0;
    });
  },
};
