// Security rule 6: while a session is being (re)secured, no ordinary command may go out in clear.
import { describe, expect, it } from 'vitest';
import { trustNodeVerdict } from '../../main/ftp/certificate';
import { connectTcp } from '../../main/ftp/connect';
import { ControlConnection } from '../../main/ftp/control';
import { login } from '../../main/ftp/login';
import { initialSecurityState, negotiateExplicitTls, negotiateProtection, reinitialize, type SecurityContext } from '../../main/ftp/security';
import type { FaultServer } from '../support/fault-server/index';
import { failure, useHarness } from './fixtures';

const harness = useHarness();

async function securedControl(server: FaultServer): Promise<SecurityContext> {
  const control = new ControlConnection(await connectTcp('127.0.0.1', server.port, 2_000), { replyTimeoutMs: 2_000, tlsShutdown: true });
  const context: SecurityContext = {
    control,
    host: '127.0.0.1',
    port: server.port,
    policy: { mode: 'explicit', extraCa: [harness.certs().caCert] },
    verifyServer: trustNodeVerdict,
    state: initialSecurityState(),
  };
  await control.readGreeting();
  await negotiateExplicitTls(context);
  await negotiateProtection(context, false);
  await login(control, { user: 'bob', password: 'pw' });
  return context;
}

describe('the securing gate of the control connection (rule 6)', () => {
  it('holds a command sent during REIN until TLS is back, then sends it inside TLS', async () => {
    const server = await harness.server();
    const context = await securedControl(server);
    const { control } = context;
    const rein = reinitialize(context);
    // Another caller, unaware of the REIN, sends a command while it runs.
    const concurrent = control.send('SYST');
    await rein;
    expect(server.verbs().at(-1)).toBe('REIN');
    await negotiateExplicitTls(context);
    await negotiateProtection(context, false);
    await login(control, { user: 'bob', password: 'pw' });
    expect(server.verbs()).not.toContain('SYST');
    control.endSecuring();
    expect((await concurrent).code).toBe(215);
    const lines = server.commands.map((command) => `${command.secure ? 'tls' : 'clear'} ${command.verb}`);
    expect(lines.slice(lines.indexOf('tls REIN'))).toEqual(['tls REIN', 'clear AUTH', 'tls PBSZ', 'tls PROT', 'tls USER', 'tls PASS', 'tls SYST']);
    control.close();
  });

  it('fails the held command with a typed error, unsent, when the session cannot be secured again', async () => {
    let auths = 0;
    const server = await harness.server({
      script: {
        'AUTH TLS': () => {
          auths += 1;
          return auths === 1 ? { reply: '234 AUTH TLS OK', then: 'upgrade' } : '534 No more TLS';
        },
      },
    });
    const context = await securedControl(server);
    const rein = reinitialize(context);
    const concurrent = context.control.send('DELE', 'important.txt');
    await rein;
    expect(await failure(negotiateExplicitTls(context))).toMatchObject({ kind: 'tls-required' });
    expect(await failure(concurrent)).toMatchObject({ kind: 'tls-required' });
    expect(server.verbs()).not.toContain('DELE');
  });

  it('FtpClient: a command issued during REIN goes out only after the new login, inside TLS', async () => {
    const server = await harness.server();
    const { client } = harness.client();
    await client.connect(harness.options(server, { tlsShutdown: true }));
    const before = server.commands.length;
    const rein = client.reinitialize();
    const concurrent = client.syst();
    await Promise.all([rein, concurrent]);
    const after = server.commands.slice(before).map((command) => `${command.secure ? 'tls' : 'clear'} ${command.verb}`);
    expect(after.at(-1)).toBe('tls SYST');
    expect(after.indexOf('tls SYST')).toBeGreaterThan(after.indexOf('tls PASS'));
  });

  it('FtpClient: a command issued while connecting waits for TLS and the login', async () => {
    const server = await harness.server({ greeting: { reply: '220 Slow hello', delayMs: 150 } });
    const { client } = harness.client();
    const connecting = client.connect(harness.options(server));
    // The TCP connection is up and the greeting not yet in: a caller's PWD must not go out in clear.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const early = client.pwd();
    await connecting;
    expect(await early).toBe('/');
    const pwd = server.commands.find((command) => command.verb === 'PWD');
    expect(pwd?.secure).toBe(true);
    expect(server.verbs().indexOf('PWD')).toBeGreaterThan(server.verbs().indexOf('PASS'));
  });
});
