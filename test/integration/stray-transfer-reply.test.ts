// pyftpdlib answers the close of a data connection it accepted for a refused command with
// "226 Transfer complete.". That reply answers nothing the client sent: taken as the next
// command's reply, it would put every later reply one command off.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../main/ftp/log';
import type { Handler } from '../support/fault-server/index';
import { useDataRig } from './data-fixtures';
import { failure, useHarness, waitFor } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);

/** Refuses the command, then sends `strays` 226 replies `delayMs` later, as pyftpdlib does after the client closes the data connection. */
function refusedThenStray(refusal: string, delayMs: number, strays = 1): Handler {
  return (_arg, session) => {
    setTimeout(() => {
      for (let i = 0; i < strays; i += 1) session.reply('226 Transfer complete.');
    }, delayMs);
    return refusal;
  };
}

/** A download of a file the server refuses (its RETR handler decides). */
const refusedDownload = (client: Awaited<ReturnType<typeof rig>>['client']) => client.downloadTo('/missing', new Writable({ write: (_chunk, _encoding, done) => done() }));

const strayNotes = (log: readonly LogEntry[]) => log.filter((entry) => entry.direction === 'info' && entry.text.startsWith('Ignored a 226 reply'));

describe('a stray transfer reply after a refused data command', () => {
  it('is dropped when it comes while the session is idle; the session goes on', async () => {
    const { client } = await rig({ listing: 'type=file;size=1; a.txt\r\n' }, { script: { RETR: refusedThenStray('550 No such folder', 30) } });
    const log: LogEntry[] = [];
    client.onLog((entry) => log.push(entry));
    expect((await failure(refusedDownload(client))).code).toBe(550);
    await waitFor(() => strayNotes(log).length === 1);
    await client.noop();
    expect((await client.list('/')).entries.map((entry) => entry.name)).toEqual(['a.txt']);
  });

  it('is dropped when it comes before the next command’s reply, which still gets its own', async () => {
    const { client } = await rig({ listing: 'type=file;size=1; b.txt\r\n' }, {
      script: {
        RETR: refusedThenStray('550 No such folder', 0),
        // Answered after the stray is on its way.
        SIZE: { reply: '213 42', delayMs: 40 },
      },
    });
    expect((await failure(refusedDownload(client))).code).toBe(550);
    expect(await client.size('/x')).toBe(42);
    expect((await client.list('/')).entries.map((entry) => entry.name)).toEqual(['b.txt']);
  });

  it('is dropped once: a second one answers nothing and ends the session', async () => {
    const { client } = await rig({}, { script: { RETR: refusedThenStray('550 No such folder', 30, 2) } });
    await failure(refusedDownload(client));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await failure(client.noop())).toMatchObject({ kind: 'protocol', code: 226 });
  });

  it('is not expected after a data command that succeeded: the session ends', async () => {
    const { client } = await rig({ listing: 'type=file;size=1; c.txt\r\n' }, {
      script: { NOOP: (_arg, session) => (setTimeout(() => session.reply('226 Transfer complete.'), 30), '200 NOOP ok') },
    });
    await client.list('/');
    await client.noop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await failure(client.noop())).toMatchObject({ kind: 'protocol', code: 226 });
  });
});
