import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useDataRig } from './data-fixtures';
import { failure, useHarness } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);

/** A writable that keeps what it is given. */
function collector(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe('data connections (rules 10, 12)', () => {
  it('downloads over EPSV with PROT P, resuming the control TLS session with the same certificate', async () => {
    const content = randomBytes(300_000);
    const { client, data, server } = await rig({ files: { 'a.bin': content } });
    const { sink, bytes } = collector();
    const result = await client.downloadTo('a.bin', sink);
    expect(bytes().equals(content)).toBe(true);
    expect(result).toMatchObject({ bytes: content.length, reply: { code: 226 }, sessionReused: true });
    expect(data.connections).toEqual([{ localAddress: '127.0.0.1', remoteAddress: '127.0.0.1', secure: true, resumed: true }]);
    expect(server.commands.filter((command) => ['TYPE', 'EPSV', 'RETR'].includes(command.verb)).map((command) => `${command.secure ? 'tls' : 'clear'} ${command.line}`)).toEqual([
      'tls TYPE I', 'tls EPSV', 'tls RETR a.bin',
    ]);
  });

  it('sends TYPE once per session, not once per transfer', async () => {
    const { client, server } = await rig({ files: { a: 'x', b: 'y' } });
    await client.downloadTo('a', collector().sink);
    await client.downloadTo('b', collector().sink);
    expect(server.verbs().filter((verb) => verb === 'TYPE')).toHaveLength(1);
  });

  it('ignores the address in a PASV reply and connects to the control peer (curl CVE-2020-8284)', async () => {
    const { client, data, server } = await rig({ files: { a: 'hello' }, pasvHost: '127.9.9.9', epsv: '500 EPSV not understood' });
    const { sink, bytes } = collector();
    await client.downloadTo('a', sink);
    expect(bytes().toString()).toBe('hello');
    expect(data.trapHits).toBe(0);
    expect(data.connections[0]?.localAddress).toBe('127.0.0.1');
    // EPSV failed once: the session goes straight to PASV from then on.
    await client.downloadTo('a', collector().sink);
    expect(server.verbs().filter((verb) => verb === 'EPSV' || verb === 'PASV')).toEqual(['EPSV', 'PASV', 'PASV']);
  });

  it('fails with a typed error and opens no socket on a malformed or out-of-range EPSV/PASV reply', async () => {
    const cases = [
      { epsv: '229 Entering Extended Passive Mode (|||abc|)' },
      { epsv: '229 Entering Extended Passive Mode' },
      { badPort: 70000 },
      { badPort: 0 },
      { epsv: '500 no', badPort: 0 },
    ];
    for (const options of cases) {
      const { client, data, server } = await rig({ files: { a: 'x' }, ...options });
      expect(await failure(client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'protocol', phase: 'data' });
      expect(data.connections).toEqual([]);
      expect(server.verbs()).not.toContain('RETR');
      await client.noop();
    }
  });

  it('aborts when the data connection presents another certificate than the control connection', async () => {
    const certs = harness.certs();
    const { client, server } = await rig({ files: { a: 'secret' }, dataTls: { key: certs.clientKey, cert: certs.clientCert } });
    const { sink, bytes } = collector();
    expect(await failure(client.downloadTo('a', sink))).toMatchObject({ kind: 'data-certificate-mismatch', phase: 'data' });
    expect(bytes().length).toBe(0);
    expect(server.verbs()).toContain('ABOR');
    // The session is still in step.
    await client.noop();
  });

  it('accepts a full handshake with the byte-equal certificate; fails it only when session reuse is required', async () => {
    const certs = harness.certs();
    // Another TLS context with the same certificate: the control session cannot be resumed there.
    const sameCert = { key: certs.serverKey, cert: certs.serverCert };
    const lenient = await rig({ files: { a: 'ok' }, dataTls: sameCert });
    expect(await lenient.client.downloadTo('a', collector().sink)).toMatchObject({ sessionReused: false, bytes: 2 });
    expect(lenient.client.dataConnectionStats()).toEqual({ opened: 1, resumed: 0, sentTogether: 0 });
    const strict = await rig({ files: { a: 'ok' }, dataTls: sameCert }, { connect: { data: { requireSessionReuse: true } } });
    expect(await failure(strict.client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'session-not-resumed', phase: 'data' });
    await strict.client.noop();
  });

  it('moves data in clear under PROT C', async () => {
    const { client, data } = await rig({ files: { a: 'plain' } }, { connect: { policy: { mode: 'explicit', dataProtection: 'C', extraCa: [harness.certs().caCert] } } });
    const { sink, bytes } = collector();
    const result = await client.downloadTo('a', sink);
    expect(bytes().toString()).toBe('plain');
    expect(result.sessionReused).toBeUndefined();
    expect(data.connections[0]?.secure).toBe(false);
  });
});

describe('completion: data end AND final reply (issue 4)', () => {
  it('completes when 226 comes before the data', async () => {
    const content = randomBytes(50_000);
    const { client } = await rig({ files: { a: content }, retrFault: { kind: 'final-first', delayMs: 100 } });
    const { sink, bytes } = collector();
    await client.downloadTo('a', sink);
    expect(bytes().equals(content)).toBe(true);
    await client.noop();
  });

  it('completes when the data ends well before the 226', async () => {
    const content = randomBytes(50_000);
    const { client } = await rig({ files: { a: content }, retrFault: { kind: 'final-late', delayMs: 300 } });
    const { sink, bytes } = collector();
    await client.downloadTo('a', sink);
    expect(bytes().equals(content)).toBe(true);
  });

  it('fails the session with a timeout when no final reply comes', async () => {
    const { client } = await rig({ files: { a: 'x' }, retrFault: { kind: 'no-final' } });
    expect(await failure(client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'timeout', phase: 'data' });
    expect(await failure(client.noop())).toMatchObject({ kind: 'timeout' });
  });

  it('reports a 4xx/5xx final reply with its code and stays usable', async () => {
    for (const code of [425, 426, 451, 550, 552]) {
      const { client } = await rig({}, { script: { RETR: `${code} Refused` } });
      expect(await failure(client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'command-failed', code, phase: 'data' });
      await client.noop();
    }
  });

  it('reports the server refusal, not the reset, when the server refuses and drops its data port (proftpd 451)', async () => {
    // A port that was just free and is closed again: connecting to it is refused at once.
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const deadPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const { client } = await rig(
      { epsv: `229 Entering Extended Passive Mode (|||${deadPort}|)` },
      { script: { STOR: '451 Restart not permitted' } },
    );
    expect(await failure(client.uploadFrom(Readable.from([Buffer.from('abc')]), 'a'))).toMatchObject({ kind: 'command-failed', code: 451, phase: 'data' });
    await client.noop();
  });

  it('reports the server refusal, not the reset, when the data connection is reset during its TLS handshake', async () => {
    // proftpd refusing REST+STOR: it accepts the data connection, resets it on our ClientHello, then says 451.
    const resetting = createServer((socket) => socket.once('data', () => socket.resetAndDestroy())).listen(0, '127.0.0.1');
    await new Promise((resolve) => resetting.once('listening', resolve));
    try {
      const port = (resetting.address() as { port: number }).port;
      const { client } = await rig({ epsv: `229 Entering Extended Passive Mode (|||${port}|)` }, { script: { STOR: { reply: '451 Append/Restart not permitted', delayMs: 100 } } });
      expect(await failure(client.uploadFrom(Readable.from([Buffer.from('abc')]), 'a'))).toMatchObject({ kind: 'command-failed', code: 451, phase: 'data' });
      await client.noop();
    } finally {
      resetting.close();
    }
  });

  it('fails when the server closes the data connection mid-file (426)', async () => {
    const { client } = await rig({ files: { a: randomBytes(100_000) }, retrFault: { kind: 'close-after', bytes: 30_000 } });
    expect(await failure(client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'command-failed', code: 426 });
    await client.noop();
  });

  it('times out a stalled data connection, sends ABOR and stays in step', async () => {
    const { client, server } = await rig({ files: { a: randomBytes(10_000) }, retrFault: { kind: 'stall-after', bytes: 1000 } }, { connect: { data: { stallTimeoutMs: 200 } } });
    expect(await failure(client.downloadTo('a', collector().sink))).toMatchObject({ kind: 'timeout', phase: 'data' });
    expect(server.commands.at(-1)?.verb).toBe('ABOR');
    expect(server.commands.at(-1)?.secure).toBe(true);
    await client.noop();
  });

  it('ABOR inside TLS on cancel, reading both the 426 and the 226', async () => {
    const { client, server } = await rig({ files: { a: randomBytes(10_000) }, retrFault: { kind: 'stall-after', bytes: 1000 } });
    const controller = new AbortController();
    const progress: number[] = [];
    const transfer = client.downloadTo('a', collector().sink, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (report) => {
        progress.push(report.bytes);
        controller.abort();
      },
    });
    expect(await failure(transfer)).toMatchObject({ kind: 'cancelled' });
    expect(progress[0]).toBeGreaterThan(0);
    expect(server.commands.find((command) => command.verb === 'ABOR')?.secure).toBe(true);
    expect(await client.pwd()).toBe('/');
  });
});

describe('ABOR replies', () => {
  it('fails the session with a timeout, rather than hanging, when the server never answers RETR or ABOR after its 150', async () => {
    const { client } = await rig({ files: { a: 'x' } }, {
      script: {
        // The 150 comes after our ABOR went out: it must not lift the deadline of the ABOR.
        RETR: async (_arg, session) => {
          await new Promise((resolve) => setTimeout(resolve, 500));
          session.reply('150 Opening');
          return { silent: true };
        },
        ABOR: { silent: true },
      },
      connect: { data: { connectTimeoutMs: 5_000 } },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    expect(await failure(client.downloadTo('a', collector().sink, { signal: controller.signal }))).toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await failure(client.noop())).toMatchObject({ kind: 'timeout' });
  });
});

describe('active mode (rule 14)', () => {
  it('announces EPRT on the control address and accepts the server connection', async () => {
    const content = randomBytes(20_000);
    const { client, data, server } = await rig({ files: { a: content } }, { connect: { data: { mode: 'active' } } });
    const { sink, bytes } = collector();
    await client.downloadTo('a', sink);
    expect(bytes().equals(content)).toBe(true);
    expect(server.commands.find((command) => command.verb === 'EPRT')?.arg).toMatch(/^\|1\|127\.0\.0\.1\|\d+\|$/);
    expect(data.connections[0]?.resumed).toBe(true);
  });

  it('drops a connection from another address than the control peer and takes the server\'s', async () => {
    const content = randomBytes(5_000);
    const { client, data } = await rig({ files: { a: content }, intruderFrom: '127.0.0.2' }, { connect: { data: { mode: 'active' } } });
    const { sink, bytes } = collector();
    await client.downloadTo('a', sink);
    expect(data.intruder).toBe('dropped');
    expect(bytes().equals(content)).toBe(true);
  });

  it('falls back to PORT when EPRT is refused', async () => {
    const { client, server } = await rig({ files: { a: 'x' } }, { script: { EPRT: '500 no' }, connect: { data: { mode: 'active' } } });
    await client.downloadTo('a', collector().sink);
    expect(server.commands.find((command) => command.verb === 'PORT')?.arg).toMatch(/^127,0,0,1,\d+,\d+$/);
  });
});
