// Keeping upload times on servers without MFMT: SITE UTIME in the form the server takes, asked once per session.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../main/ftp/log';
import type { Handler } from '../support/fault-server/index';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useDataRig } from './data-fixtures';
import { useHarness } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);
const dir = useFreshTempDir('sluice-site-utime-');

// No MFMT: the client must fall back to SITE UTIME.
const FEAT_WITHOUT_MFMT = '211-Features:\n UTF8\n MDTM\n SIZE\n EPSV\n211 End';
const FIVE_ARGUMENT = /^UTIME (.+) (\d{14}) (\d{14}) (\d{14}) UTC$/;
const TWO_ARGUMENT = /^UTIME (\d{14}) (.+)$/;

/** A SITE handler that answers each SITE UTIME form with the given reply. */
function siteUtime(replies: { five: string; two: string }): Handler {
  return (arg) => (FIVE_ARGUMENT.test(arg) ? replies.five : TWO_ARGUMENT.test(arg) ? replies.two : '500 Unknown SITE command');
}

/** Local files with distinct modification times (milliseconds that must not reach the server). */
function localFiles(names: readonly string[]): { source: string; remote: string; stamp: string }[] {
  return names.map((name, index) => {
    const source = path.join(dir.path, `local-${index}`);
    writeFileSync(source, `content of ${name}`);
    const mtime = new Date(Date.UTC(2021, 4, 6, 7, 8, 10 + index, 750));
    utimesSync(source, mtime, mtime);
    return { source, remote: name, stamp: `202105060708${10 + index}` };
  });
}

async function uploadAll(names: readonly string[], replies: { five: string; two: string }) {
  const { client, data, server } = await rig({}, { script: { FEAT: FEAT_WITHOUT_MFMT, SITE: siteUtime(replies) } });
  const log: LogEntry[] = [];
  client.onLog((entry) => log.push(entry));
  const files = localFiles(names);
  for (const file of files) await client.upload(file.source, file.remote);
  const site = server.commands.filter((command) => command.verb === 'SITE').map((command) => command.arg);
  return { client, data, server, log, files, site };
}

describe('SITE UTIME when FEAT lacks MFMT', () => {
  it('sends the five-argument form once per file, with the local time in UTC, whole seconds', async () => {
    const { files, site, server, data } = await uploadAll(['a.bin', 'dir/with space.bin'], { five: '213 UTIME OK', two: '500 not expected' });
    expect(site).toEqual(files.map((file) => `UTIME ${file.remote} ${file.stamp} ${file.stamp} ${file.stamp} UTC`));
    expect(server.verbs()).not.toContain('MFMT');
    expect(data.files.get('dir/with space.bin')?.toString()).toBe('content of dir/with space.bin');
  });

  it.each([500, 501, 502, 504])('after the five-argument form is refused with %i, uses only the two-argument form', async (code) => {
    const { files, site } = await uploadAll(['a.bin', 'b.bin', 'c.bin'], { five: `${code} Unknown SITE command`, two: '200 SITE UTIME command successful' });
    const [first, ...later] = files;
    if (first === undefined) throw new Error('no files');
    expect(site).toEqual([
      `UTIME ${first.remote} ${first.stamp} ${first.stamp} ${first.stamp} UTC`,
      `UTIME ${first.stamp} ${first.remote}`,
      ...later.map((file) => `UTIME ${file.stamp} ${file.remote}`),
    ]);
  });

  it('when both forms are refused, tries them for the first file only, notes it once, and every upload succeeds', async () => {
    const { files, site, data, log } = await uploadAll(['a.bin', 'b.bin', 'c.bin'], { five: "500 'SITE UTIME' not understood", two: "500 'SITE UTIME' not understood" });
    const first = files[0];
    if (first === undefined) throw new Error('no files');
    expect(site).toEqual([`UTIME ${first.remote} ${first.stamp} ${first.stamp} ${first.stamp} UTC`, `UTIME ${first.stamp} ${first.remote}`]);
    for (const file of files) expect(data.files.get(file.remote)?.toString()).toBe(`content of ${file.remote}`);
    expect(log.filter((entry) => entry.direction === 'info' && /neither MFMT nor SITE UTIME/.test(entry.text))).toHaveLength(1);
  });

  // Once a form worked, even a syntax-like refusal (a name the server cannot parse) is about that one file.
  it.each([550, 501])('a refusal (%i) of one file after the form worked keeps the form for the next files and is noted once', async (code) => {
    const refuseB: Handler = (arg) => (arg.startsWith('UTIME b.bin ') ? `${code} utime(b.bin): refused` : FIVE_ARGUMENT.test(arg) ? '213 UTIME OK' : '500 not expected');
    const { client, server } = await rig({}, { script: { FEAT: FEAT_WITHOUT_MFMT, SITE: refuseB } });
    const log: LogEntry[] = [];
    client.onLog((entry) => log.push(entry));
    const files = localFiles(['a.bin', 'b.bin', 'c.bin', 'b.bin']);
    for (const file of files) await client.upload(file.source, file.remote);
    expect(server.commands.filter((command) => command.verb === 'SITE').map((command) => command.arg)).toEqual(
      files.map((file) => `UTIME ${file.remote} ${file.stamp} ${file.stamp} ${file.stamp} UTC`),
    );
    expect(log.filter((entry) => entry.direction === 'info' && /refused/.test(entry.text))).toHaveLength(1);
  });

  it('a new connection asks again: the memory belongs to the session', async () => {
    const { client, server } = await uploadAll(['a.bin'], { five: '502 no', two: '502 no' });
    await client.quit();
    await client.connect(harness.options(server, { data: { connectTimeoutMs: 2_000, stallTimeoutMs: 2_000 } }));
    const [file] = localFiles(['b.bin']);
    if (file === undefined) throw new Error('no file');
    await client.upload(file.source, file.remote);
    expect(server.commands.filter((command) => command.verb === 'SITE' && command.connection === 1).map((command) => command.arg)).toEqual([
      `UTIME ${file.remote} ${file.stamp} ${file.stamp} ${file.stamp} UTC`,
      `UTIME ${file.stamp} ${file.remote}`,
    ]);
  });

  it('with MFMT in FEAT, sends MFMT and never SITE UTIME; preserveTime: false sends neither', async () => {
    const { client, server } = await rig({}, { script: { SITE: siteUtime({ five: '213 UTIME OK', two: '213 UTIME OK' }) } });
    const [kept, plain] = localFiles(['a.bin', 'b.bin']);
    if (kept === undefined || plain === undefined) throw new Error('no files');
    await client.upload(kept.source, kept.remote);
    await client.upload(plain.source, plain.remote, { preserveTime: false });
    expect(server.commands.filter((command) => ['MFMT', 'SITE'].includes(command.verb)).map((command) => command.line)).toEqual([`MFMT ${kept.stamp} a.bin`]);
  });
});
