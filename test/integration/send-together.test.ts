import { createServer } from 'node:net';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Action, Handler, ReceivedCommand, Script, SessionView } from '../support/fault-server/index';
import { partPath } from '../../main/ftp/local-target';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useDataRig, type DataRig } from './data-fixtures';
import { failure, useHarness, waitFor } from './fixtures';

// Once a session has shown EPSV working, EPSV, MDTM and the data command go out in one write
// (two round trips fewer per file). Replies must still reach the right command, whatever
// goes wrong, and a server that chokes on it gets one command at a time from then on.
const harness = useHarness();
const rig = useDataRig(harness);
const dir = useFreshTempDir('sluice-together-');

/** The verbs of each read the server made on the control connection, e.g. [['EPSV', 'MDTM', 'RETR']]. */
function readsFrom(commands: readonly ReceivedCommand[], firstVerb: string): string[][] {
  const reads = new Map<string, string[]>();
  for (const command of commands) {
    const read = `${command.connection}.${command.read}`;
    reads.set(read, [...(reads.get(read) ?? []), command.verb]);
  }
  return [...reads.values()].filter((verbs) => verbs.includes(firstVerb));
}

/** Calls the rig's own handler for `verb` (set up after the rig exists). */
function delegate(target: () => DataRig, verb: string, arg: string, session: SessionView): Action | Promise<Action> {
  const handler: Handler | undefined = target().data.script()[verb];
  if (typeof handler !== 'function') throw new Error(`no ${verb} handler`);
  return handler(arg, session);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A rig whose second EPSV names a port nobody listens on and whose MDTM answers late, so the
 * client gives up on the data connection while MDTM is still unanswered. A RETR that finds no
 * data connection gets `withoutData`.
 */
async function rigWithDeadDataPort(withoutData: Action, more: Script = {}): Promise<DataRig> {
  const nowhere = await closedPort();
  let epsvCalls = 0;
  const made: DataRig = await rig(
    { files: { a: 'aaa', b: 'bbb' } },
    {
      script: {
        EPSV: (arg, session) => (++epsvCalls === 2 ? `229 Entering Extended Passive Mode (|||${nowhere}|)` : delegate(() => made, 'EPSV', arg, session)),
        MDTM: { reply: '213 20240229235958', delayMs: 200 },
        RETR: (arg, session) => (session.data.has('passive') ? delegate(() => made, 'RETR', arg, session) : withoutData),
        ...more,
      },
    },
  );
  return made;
}

describe('data commands sent together with EPSV', () => {
  it('sends the first one by one, then EPSV, MDTM and RETR (or LIST) in one write; an upload one by one', async () => {
    const { client, server, data } = await rig({ files: { a: 'first', b: 'second', c: 'third' }, listing: 'type=file;size=5; a\r\n' });
    for (const name of ['a', 'b', 'c']) await client.download(name, path.join(dir.path, name), { expectedSize: data.files.get(name)?.length ?? 0 });
    const local = path.join(dir.path, 'up');
    writeFileSync(local, 'uploaded');
    await client.upload(local, 'up');
    const listing = await client.list();

    expect(readsFrom(server.commands, 'EPSV')).toEqual([['EPSV'], ['EPSV', 'MDTM', 'RETR'], ['EPSV', 'MDTM', 'RETR'], ['EPSV'], ['EPSV', 'MLSD']]);
    expect(readsFrom(server.commands, 'STOR')).toEqual([['STOR']]);
    for (const name of ['a', 'b', 'c']) {
      expect(readFileSync(path.join(dir.path, name)).equals(data.files.get(name) ?? Buffer.alloc(1))).toBe(true);
      // The MDTM reply of a command sent together still sets the time.
      expect(statSync(path.join(dir.path, name)).mtime.toISOString()).toBe('2024-02-29T23:59:58.000Z');
    }
    expect(data.files.get('up')?.toString()).toBe('uploaded');
    expect(listing.entries.map((entry) => entry.name)).toEqual(['a']);
  });

  it('never sends them together with REST (a refused REST must stop the transfer) or in clear', async () => {
    const content = Buffer.from('0123456789');
    const { client, server } = await rig({ files: { a: content } });
    await client.download('a', path.join(dir.path, 'whole'), { expectedSize: 10 });
    const target = path.join(dir.path, 'a');
    writeFileSync(partPath(target), content.subarray(0, 4));
    await client.download('a', target, { resume: true, expectedSize: 10 });
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(readsFrom(server.commands, 'EPSV').at(-1)).toEqual(['EPSV']);
    expect(readsFrom(server.commands, 'REST')).toEqual([['REST']]);

    const plain = await rig({ files: { a: 'x', b: 'y' } }, { server: { tls: undefined }, connect: { policy: { mode: 'plain' } } });
    await plain.client.download('a', path.join(dir.path, 'pa'), { expectedSize: 1 });
    await plain.client.download('b', path.join(dir.path, 'pb'), { expectedSize: 1 });
    expect(readsFrom(plain.server.commands, 'EPSV').every((verbs) => verbs.length === 1)).toBe(true);
  });

  it('keeps replies in step when EPSV fails inside a group: the file fails with the typed refusal, the session goes on', async () => {
    let epsvCalls = 0;
    const handlers = {
      EPSV: (arg: string, session: SessionView) => (++epsvCalls === 2 ? '425 Cannot open a passive port' : delegate(() => made, 'EPSV', arg, session)),
      RETR: (arg: string, session: SessionView) => (session.data.has('passive') ? delegate(() => made, 'RETR', arg, session) : '425 Use PASV or EPSV first'),
    };
    const made: DataRig = await rig({ files: { a: 'aaa', b: 'bbb' } }, { script: handlers });
    const { client, server } = made;
    await client.download('a', path.join(dir.path, 'a'), { expectedSize: 3 });
    expect(await failure(client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 }))).toMatchObject({ kind: 'command-failed', code: 425 });
    expect(await client.pwd()).toBe('/');
    await client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 });
    expect(readFileSync(path.join(dir.path, 'b'), 'utf8')).toBe('bbb');
    // After that failure the session sends one command at a time.
    expect(readsFrom(server.commands, 'EPSV').at(-1)).toEqual(['EPSV']);
  });

  it('puts ABOR after the replies still due when the data connection cannot open inside a group', async () => {
    const { client, server } = await rigWithDeadDataPort('425 No data connection');
    await client.download('a', path.join(dir.path, 'a'), { expectedSize: 3 });
    // RETR's own answer is the reason given; had ABOR taken it, RETR would seem to have ended well.
    expect(await failure(client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 }))).toMatchObject({ kind: 'command-failed', code: 425 });
    expect(server.verbs().slice(-4)).toEqual(['EPSV', 'MDTM', 'RETR', 'ABOR']);
    // Each reply reached its own command: the next one gets its own answer.
    expect(await client.pwd()).toBe('/');
  });

  it('gives a server that stays silent after ABOR the reply timeout, even for replies written before it', async () => {
    // A transfer has no reply timeout of its own; this one never ends, and ABOR is never answered.
    const { client } = await rigWithDeadDataPort({ silent: true }, { ABOR: { silent: true } });
    await client.download('a', path.join(dir.path, 'a'), { expectedSize: 3 });
    const started = Date.now();
    await failure(client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 }));
    // The rig's reply timeout is 2 s: the session gives up then, instead of waiting forever.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await failure(client.pwd())).toMatchObject({ kind: 'timeout' });
  });

  it('releases a server left waiting for the data connection when the transfer is cancelled before the EPSV reply', async () => {
    let epsvCalls = 0;
    const handlers = {
      // The second EPSV is answered late: the cancel comes while the server holds RETR too.
      EPSV: async (arg: string, session: SessionView) => {
        if (++epsvCalls === 2) await new Promise((resolve) => setTimeout(resolve, 300));
        return delegate(() => made, 'EPSV', arg, session);
      },
    };
    const made: DataRig = await rig({ files: { a: 'aaa', b: 'bbb' } }, { script: handlers });
    const { client, server } = made;
    await client.download('a', path.join(dir.path, 'a'), { expectedSize: 3 });
    const controller = new AbortController();
    const cancelled = client.download('b', path.join(dir.path, 'b'), { expectedSize: 3, signal: controller.signal });
    await waitFor(() => server.verbs().filter((verb) => verb === 'RETR').length === 2);
    controller.abort();
    expect(await failure(cancelled)).toMatchObject({ kind: 'cancelled' });
    // The server got a data connection that hung up, answered RETR and then ABOR: the session goes on.
    expect(await client.pwd()).toBe('/');
    expect(server.verbs().slice(-4)).toEqual(['MDTM', 'RETR', 'ABOR', 'PWD']);
    expect(existsSync(path.join(dir.path, 'b'))).toBe(false);
  });

  it('sends one command at a time, even after a reconnect, to a server that drops the connection on commands sent together', async () => {
    const handlers = {
      EPSV: (arg: string, session: SessionView): Action | Promise<Action> => {
        const epsv = made.server.commands.findLast((command) => command.verb === 'EPSV');
        const together = made.server.commands.some((command) => command.connection === epsv?.connection && command.read === epsv.read && command.verb !== 'EPSV');
        return together ? { then: 'close' } : delegate(() => made, 'EPSV', arg, session);
      },
      // The RETR that came with a refused group is never answered: the connection is gone.
      RETR: (arg: string, session: SessionView) => (session.data.has('passive') ? delegate(() => made, 'RETR', arg, session) : { silent: true }),
    };
    const made: DataRig = await rig({ files: { a: 'aaa', b: 'bbb' } }, { script: handlers });
    const { client, server } = made;
    await client.download('a', path.join(dir.path, 'a'), { expectedSize: 3 });
    expect(await failure(client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 }))).toMatchObject({ kind: 'connection-closed' });
    await client.connect(harness.options(server));
    await client.download('b', path.join(dir.path, 'b'), { expectedSize: 3 });
    await client.download('a', path.join(dir.path, 'a2'), { expectedSize: 3 });
    expect(readFileSync(path.join(dir.path, 'b'), 'utf8')).toBe('bbb');
    expect(readsFrom(server.commands.filter((command) => command.connection === 1), 'EPSV')).toEqual([['EPSV'], ['EPSV']]);
  });
});
