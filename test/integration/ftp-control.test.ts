import { describe, expect, it } from 'vitest';
import { defaultScript, type Script } from '../support/fault-server/index';
import { failure, useHarness, waitFor } from './fixtures';

const harness = useHarness();


/** The default script, every reply sent byte by byte with LF-only line endings. */
function trickleScript(): Script {
  const script: Record<string, Script[string]> = {};
  for (const [key, handler] of Object.entries(defaultScript(true))) {
    script[key] = async (arg, session) => {
      const action = typeof handler === 'function' ? await handler(arg, session) : handler;
      const object = typeof action === 'string' ? { reply: action } : action;
      return { ...object, split: 'byte' as const, splitDelayMs: 0, lineEnding: '\n' as const };
    };
  }
  return script;
}

describe('argument injection (rule 15)', () => {
  it('refuses CR, LF and NUL in a path with a typed error and sends nothing', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const sent = server.commands.length;
    for (const path of ['evil\r\nDELE victim', 'evil\nDELE victim', 'evil\rx', 'evil\0x']) {
      expect(await failure(client.cwd(path))).toMatchObject({ kind: 'injection', phase: 'command' });
    }
    expect(await failure(client.rename('a', 'b\r\nDELE c'))).toMatchObject({ kind: 'injection' });
    expect(await failure(client.raw('NOOP\r\nDELE victim'))).toMatchObject({ kind: 'injection' });
    expect(await failure(client.chmod('x\ny', '644'))).toMatchObject({ kind: 'injection' });
    // Only the RNFR of the rename went out; the session itself is still fine.
    expect(server.commands.slice(sent).map((command) => command.line)).toEqual(['RNFR a']);
    await client.noop();
    expect(server.verbs()).not.toContain('DELE');
  });

  it('refuses a CR or LF in the user name before anything is sent in the login', async () => {
    const server = await harness.server();
    const error = await failure(harness.client().client.connect(harness.options(server, { user: 'bob\r\nDELE x' })));
    expect(error).toMatchObject({ kind: 'injection', phase: 'auth' });
    expect(server.verbs()).toEqual(['AUTH', 'PBSZ', 'PROT']);
  });
});

describe('resource limits (rule 19)', () => {
  it('ends the session on an oversized reply line with a typed error', async () => {
    const server = await harness.server({ greeting: { raw: `220 ${'x'.repeat(70_000)}\r\n` } });
    const error = await failure(harness.client().client.connect(harness.options(server)));
    expect(error).toMatchObject({ kind: 'reply-too-long', phase: 'connect' });
    expect(server.verbs()).toEqual([]);
  });

  it('ends the session on an oversized multi-line reply, per the named option', async () => {
    const lines = Array.from({ length: 200 }, (_, index) => ` entry ${index}`).join('\n');
    const server = await harness.server({ script: { STAT: `211-Status\n${lines}\n211 End` } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { limits: { maxReplyBytes: 1024 } }));
    const error = await failure(client.stat());
    expect(error).toMatchObject({ kind: 'reply-too-large', phase: 'command' });
    expect(await failure(client.noop())).toBe(error);
  });

  it('times out on a silent server, and the timeout sticks', async () => {
    const server = await harness.server({ script: { PWD: { silent: true } } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { timeouts: { replyMs: 300 } }));
    const started = Date.now();
    const error = await failure(client.pwd());
    expect(error).toMatchObject({ kind: 'timeout', phase: 'command' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await failure(client.noop())).toBe(error);
  });

  it('times out waiting for a greeting that never comes', async () => {
    const server = await harness.server({ greeting: { silent: true } });
    const error = await failure(harness.client().client.connect(harness.options(server, { timeouts: { replyMs: 300 } })));
    expect(error).toMatchObject({ kind: 'timeout', phase: 'connect' });
  });

  it('times out a TLS handshake the server never answers', async () => {
    const server = await harness.server({ script: { 'AUTH TLS': '234 Go ahead (but no TLS follows)' }, unknown: { silent: true } });
    const error = await failure(harness.client().client.connect(harness.options(server, { timeouts: { replyMs: 2_000, tlsMs: 300 } })));
    expect(error).toMatchObject({ kind: 'timeout', phase: 'tls' });
    // The server reads the ClientHello as junk lines; no command of ours follows AUTH.
    expect(server.commands[0]?.line).toBe('AUTH TLS');
    expect(server.verbs()).not.toContain('USER');
  });

  it('fails with connection-failed when nothing listens', async () => {
    const server = await harness.server();
    const options = harness.options(server);
    await server.close();
    const error = await failure(harness.client().client.connect(options));
    expect(error).toMatchObject({ kind: 'connection-failed', phase: 'connect' });
  });
});

describe('reply framing on the wire', () => {
  it('runs a whole TLS session with every reply split byte by byte and LF-only lines', async () => {
    const server = await harness.server({ greeting: { reply: '220 trickle', split: 'byte', lineEnding: '\n' }, script: trickleScript() });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(await client.pwd()).toBe('/');
    expect((await client.stat()).text).toContain('Logged in');
    expect(client.features.has('MLST')).toBe(true);
  });

  it('waits out a slow reply that is within the timeout', async () => {
    const server = await harness.server({ script: { SYST: { reply: '215 UNIX', delayMs: 200 } } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { timeouts: { replyMs: 1_000 } }));
    expect(await client.syst()).toBe('UNIX');
  });
});

describe('command queue', () => {
  it('answers concurrent calls in order, each with its own reply', async () => {
    const server = await harness.server({
      script: { SIZE: (arg) => ({ reply: `213 ${arg.length * 100}`, delayMs: arg.length % 2 === 0 ? 60 : 0 }) },
    });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const names = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const sizes = await Promise.all(names.map((name) => client.size(name)));
    expect(sizes).toEqual([100, 200, 300, 400, 500]);
    expect(server.commands.filter((command) => command.verb === 'SIZE').map((command) => command.arg)).toEqual(names);
  });

  it('sends no command before the previous one is answered', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await harness.server({
      script: {
        NOOP: async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 30));
          inFlight -= 1;
          return '200 ok';
        },
      },
    });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    await Promise.all([client.noop(), client.noop(), client.noop()]);
    expect(maxInFlight).toBe(1);
  });
});

describe('keepalive', () => {
  it('sends NOOP when idle, and never between a command and its reply', async () => {
    const server = await harness.server({ script: { SYST: { reply: '215 UNIX', delayMs: 300 } } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { keepaliveMs: 80 }));
    await waitFor(() => server.verbs().filter((verb) => verb === 'NOOP').length >= 2);
    const before = server.commands.length;
    await client.syst();
    expect(server.verbs().slice(before)).toEqual(['SYST']);
    await waitFor(() => server.verbs().slice(before).includes('NOOP'));
  });

  it('sends nothing when keepalive is off', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.verbs()).not.toContain('NOOP');
  });
});

describe('fatal errors', () => {
  it('the first fatal error closes the session and every later call fails with it', async () => {
    const server = await harness.server({ script: { PWD: { then: 'close' } } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    const error = await failure(client.pwd());
    expect(error.kind).toBe('connection-closed');
    for (const later of [client.noop(), client.size('x'), client.raw('SYST')]) expect(await failure(later)).toBe(error);
  });

  it('a 421 reply ends the session with its code', async () => {
    const server = await harness.server({ script: { NOOP: '421 Idle timeout, closing' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(await failure(client.noop())).toMatchObject({ kind: 'connection-closed', code: 421 });
  });

  it('a reply nobody asked for ends the session (it would shift every later reply)', async () => {
    const server = await harness.server({ script: { NOOP: '200 ok\n200 and one more' } });
    const { client, log } = harness.client();
    await client.connect(harness.options(server));
    await client.noop();
    await waitFor(() => log.some((entry) => entry.direction === 'error'));
    expect(await failure(client.syst())).toMatchObject({ kind: 'protocol', code: 200 });
    expect(server.verbs()).not.toContain('SYST');
  });

  it('close() ends the session; later calls fail with a closed error', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server));
    client.close();
    expect(await failure(client.noop())).toMatchObject({ kind: 'closed' });
  });

  it('a non-fatal refusal leaves the session usable', async () => {
    const server = await harness.server({ script: { DELE: '550 No such file' } });
    const { client } = harness.client();
    await client.connect(harness.options(server));
    expect(await failure(client.delete('missing'))).toMatchObject({ kind: 'command-failed', code: 550, phase: 'command' });
    await client.noop();
  });
});

describe('protocol log', () => {
  it('logs sent and received lines with PASS masked, and never the password', async () => {
    const server = await harness.server();
    const { client, log } = harness.client();
    await client.connect(harness.options(server));
    expect(log.find((entry) => entry.direction === 'sent' && entry.text.startsWith('PASS'))?.text).toBe('PASS ****');
    expect(log.some((entry) => entry.direction === 'received' && entry.text === '230 Logged in')).toBe(true);
    expect(log.some((entry) => entry.direction === 'info' && entry.text.startsWith('TLS established'))).toBe(true);
    expect(JSON.stringify(log)).not.toContain('secret-password');
    expect(log.every((entry) => typeof entry.time === 'number')).toBe(true);
  });
});
