// Pure-FTPd 1.0.50 (Debian pure-ftpd, unpacked under .tmp/servers/pure-ftpd). Configured
// entirely by command-line flags; virtual user from a PureDB built with pure-pw.
// Pure-FTPd logs only to syslog (absent here), so its log is stdout/stderr plus a CLF
// transfer log.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { pinTlsVersionEnv } from './openssl-conf';
import type { LaunchPlan, ServerContext, ServerDriver } from './plan';

const run = promisify(execFile);

export const pureFtpd: ServerDriver = {
  kind: 'pure-ftpd',
  async prepare(ctx: ServerContext): Promise<LaunchPlan> {
    const { dir, opts, certs } = ctx;
    const passwdPath = path.join(dir, 'pureftpd.passwd');
    const dbPath = path.join(dir, 'pureftpd.pdb');
    const xferLog = path.join(dir, 'transfer.log');
    // pure-pw's passwd format; a home ending in "/./" chroots the user there.
    const fields = [opts.user, ctx.passwordHash, ctx.uid, ctx.gid, '', `${ctx.root}/./`, ...Array(12).fill('')];
    await writeFile(passwdPath, fields.join(':') + '\n', { mode: 0o600 });
    await run(ctx.bin.purePw!, ['mkdb', dbPath, '-f', passwdPath]);

    const args = [
      '--bind', `127.0.0.1,${ctx.port}`,
      '--login', `puredb:${dbPath}`,
      '--noanonymous', '--chrooteveryone', '--dontresolve',
      '--minuid', '1', // our account is a system user (uid < 1000)
      // 2 = TLS required on the control connection; 3 = on data connections too (no PROT C).
      '--tls', opts.allowProtC ? '2' : '3',
      '--certfile', `${certs.serverCertPath},${certs.serverKeyPath}`,
      '--tlsciphersuite', 'HIGH',
      '--altlog', `clf:${xferLog}`,
      '--pidfile', path.join(dir, 'pure-ftpd.pid'),
      '--maxclientsnumber', '50', '--maxclientsperip', '50',
      '--verboselog',
    ];
    if (opts.passivePorts) args.push('--passiveportrange', `${opts.passivePorts.min}:${opts.passivePorts.max}`);
    return {
      args,
      env: await pinTlsVersionEnv(dir, opts.tlsVersion),
      mainLog: xferLog,
      logs: [xferLog],
    };
  },
};
