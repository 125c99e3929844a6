// pyftpdlib 1.5.7 (Debian python3-pyftpdlib + python3-openssl) running
// pyftpdlib_server.py with TLS_FTPHandler. The password is known in clear to the script
// (DummyAuthorizer), so it goes into a 0600 JSON config in the private temp dir.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchPlan, ServerContext, ServerDriver } from './plan';

export const pyftpdlib: ServerDriver = {
  kind: 'pyftpdlib',
  async prepare(ctx: ServerContext): Promise<LaunchPlan> {
    const { dir, opts, certs } = ctx;
    const log = path.join(dir, 'pyftpdlib.log');
    const confPath = path.join(dir, 'pyftpdlib.json');
    const config = {
      port: ctx.port,
      user: opts.user,
      password: opts.password,
      root: ctx.root,
      certFile: certs.serverCertPath,
      keyFile: certs.serverKeyPath,
      caFile: certs.caPath,
      tlsVersion: opts.tlsVersion ?? null,
      requireClientCert: opts.requireClientCert,
      allowProtC: opts.allowProtC,
      passivePorts: opts.passivePorts ?? null,
      log,
    };
    await writeFile(confPath, JSON.stringify(config, null, 2), { mode: 0o600 });
    return { args: [...ctx.bin.prefixArgs, confPath], env: ctx.bin.env, mainLog: log, logs: [log] };
  },
};
