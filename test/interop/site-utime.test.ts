// Keeping upload times against real Debian servers (test/support/servers). None of the four is
// a server without MFMT but with SITE UTIME: vsftpd has neither, proftpd (mod_site_misc not
// loaded) and pyftpdlib only MFMT, pure-ftpd both. So: vsftpd shows the fallback giving up once
// and the uploads going on; pure-ftpd, with MFMT left out of the features we hand the strategy,
// shows that it really sets the time with our bytes of each SITE UTIME form.
import { stat } from 'node:fs/promises';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FtpClient } from '../../main/ftp/client';
import type { LogEntry } from '../../main/ftp/log';
import { initialModificationTimeMemory, setRemoteModificationTime, type ModificationTimeSession, type SiteUtimeForm } from '../../main/ftp/modification-time';
import type { RunningServer, ServerKind } from '../support/servers/index';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useInteropServers } from './interop-fixtures';

const servers = useInteropServers();
const dir = useFreshTempDir('sluice-site-utime-interop-');

async function connectedTo(kind: ServerKind): Promise<{ server: RunningServer; client: FtpClient; log: LogEntry[] }> {
  const server = await servers.start(kind);
  const client = await servers.connect(server);
  const log: LogEntry[] = [];
  client.onLog((entry) => log.push(entry));
  return { server, client, log };
}

/** A local file whose modification time is `time` (its milliseconds must not reach the server). */
function localFile(name: string, time: Date): string {
  const local = path.join(dir.path, name);
  writeFileSync(local, `content of ${name}`);
  utimesSync(local, time, time);
  return local;
}

async function serverTime(server: RunningServer, name: string): Promise<string> {
  return (await stat(path.join(server.root, name))).mtime.toISOString();
}

describe('vsftpd: no MFMT, no SITE UTIME', () => {
  it('tries both SITE UTIME forms for the first upload only, notes it once, and every upload succeeds', async () => {
    const { server, client, log } = await connectedTo('vsftpd');
    expect(client.features.has('MFMT')).toBe(false);
    const started = Date.now();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await client.upload(localFile(name, new Date(Date.UTC(2003, 3, 4, 5, 6, 7))), name);
    const sent = log.filter((entry) => entry.direction === 'sent' && entry.text.startsWith('SITE UTIME')).map((entry) => entry.text);
    expect(sent).toEqual(['SITE UTIME a.txt 20030404050607 20030404050607 20030404050607 UTC', 'SITE UTIME 20030404050607 a.txt']);
    expect(log.filter((entry) => entry.direction === 'info' && /neither MFMT nor SITE UTIME/.test(entry.text))).toHaveLength(1);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      expect(await stat(path.join(server.root, name))).toMatchObject({ size: `content of ${name}`.length });
      // The server kept the time of the upload (second resolution on some file systems).
      expect(Date.parse(await serverTime(server, name))).toBeGreaterThanOrEqual(started - 1_000);
    }
  });
});

describe('pure-ftpd: MFMT and SITE UTIME', () => {
  it('an upload keeps the local modification time (MFMT), in whole seconds', async () => {
    const { server, client } = await connectedTo('pure-ftpd');
    expect(client.features.has('MFMT')).toBe(true);
    await client.upload(localFile('kept.txt', new Date(Date.UTC(2002, 1, 3, 4, 5, 6, 789))), 'kept.txt');
    expect(await serverTime(server, 'kept.txt')).toBe('2002-02-03T04:05:06.000Z');
  });

  it.each(['five-argument', 'two-argument'] as const)('the %s SITE UTIME form sets the time of a name with spaces', async (form: SiteUtimeForm) => {
    const { server, client } = await connectedTo('pure-ftpd');
    await client.upload(localFile('local', new Date()), 'with  two spaces.txt', { preserveTime: false });
    // The strategy over this live session, told the server has no MFMT and that `form` is the one left to try.
    const memory = { ...initialModificationTimeMemory(), siteUtimeCandidates: [form] };
    const session: ModificationTimeSession = {
      control: { send: (command, arg) => client.raw(arg === undefined ? command : `${command} ${arg}`), note: () => undefined },
      features: new Map([...client.features].filter(([name]) => name !== 'MFMT')),
      memory,
    };
    expect(await setRemoteModificationTime(session, 'with  two spaces.txt', new Date(Date.UTC(1999, 11, 31, 23, 59, 58, 999)))).toBe(form);
    expect(await serverTime(server, 'with  two spaces.txt')).toBe('1999-12-31T23:59:58.000Z');
    expect(memory.siteUtimeForm).toBe(form);
  });
});
