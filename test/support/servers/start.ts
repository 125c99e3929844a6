// startServer(): temp dir + certs + config, spawn in the foreground, wait for "220".
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile as fsWriteFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cryptSha512, serverAccount } from './account';
import { requireBinary } from './binaries';
import { unsupportedReason } from './capabilities';
import { makeCertificates } from './certs';
import { freePort, HOST, waitForGreeting } from './net';
import type { LaunchPlan, ServerDriver } from './plan';
import { atExit, spawnServer, type Spawned } from './process';
import { proftpd } from './proftpd';
import { pureFtpd } from './pure-ftpd';
import { pyftpdlib } from './pyftpdlib';
import { UnsupportedOptionError, type ResolvedOptions, type RunningServer, type ServerKind, type ServerOptions } from './types';
import { vsftpd } from './vsftpd';

const DRIVERS: Record<ServerKind, ServerDriver> = {
  vsftpd,
  proftpd,
  'pure-ftpd': pureFtpd,
  pyftpdlib,
};

const START_ATTEMPTS = 3; // freePort() can race with another process grabbing the port

export function resolveOptions(o: ServerOptions = {}): ResolvedOptions {
  return {
    tls: o.tls ?? 'explicit',
    tlsVersion: o.tlsVersion,
    requireSessionReuse: o.requireSessionReuse ?? false,
    requireClientCert: o.requireClientCert ?? false,
    allowCcc: o.allowCcc ?? false,
    allowProtC: o.allowProtC ?? false,
    passivePorts: o.passivePorts,
    quietLogs: o.quietLogs ?? false,
    acceptTimeoutSeconds: o.acceptTimeoutSeconds,
    user: o.user ?? 'sluice',
    password: o.password ?? randomBytes(12).toString('base64url'),
  };
}

async function readLogs(files: string[]): Promise<string> {
  const parts = await Promise.all(files.map(async (f) => {
    const text = await readFile(f, 'utf8').catch(() => undefined);
    return text === undefined ? '' : `--- ${path.basename(f)} ---\n${text.trimEnd()}\n`;
  }));
  return parts.join('');
}

export async function startServer(kind: ServerKind, options: ServerOptions = {}): Promise<RunningServer> {
  const driver = DRIVERS[kind];
  const opts = resolveOptions(options);
  const unsupported = unsupportedReason(kind, opts);
  if (unsupported) throw new UnsupportedOptionError(kind, unsupported); // before touching anything
  const bin = requireBinary(kind);
  const account = serverAccount();
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && kind !== 'pyftpdlib') {
    // They switch to the FTP account per session, and vsftpd reads /etc/pam.d.
    throw new Error(`${kind} must be started by root (only pyftpdlib runs unprivileged)`);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), `sluice-${kind}-`));
  const externalFiles: string[] = [];
  const removeAll = () => {
    for (const f of externalFiles) rmSync(f, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = atExit(removeAll);
  let spawned: Spawned | undefined;
  const cleanup = async () => {
    await spawned?.stop();
    await Promise.all(externalFiles.map((f) => rm(f, { force: true })));
    await rm(dir, { recursive: true, force: true });
    unregister();
  };

  try {
    await chmod(dir, 0o711); // sessions run as the FTP account and must traverse to root
    const root = path.join(dir, 'home');
    await mkdir(root, { mode: 0o755 });
    if (asRoot) await chown(root, account.uid, account.gid);
    const tlsDir = path.join(dir, 'tls');
    await mkdir(tlsDir, { mode: 0o755 });
    const certs = await makeCertificates(tlsDir, opts.requireClientCert);
    const passwordHash = await cryptSha512(opts.password);
    const outputLog = path.join(dir, 'output.log');

    let plan: LaunchPlan | undefined;
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      plan = await driver.prepare({ dir, root, port, opts, certs, bin, account: account.name,
        uid: account.uid, gid: account.gid, passwordHash });
      externalFiles.push(...(plan.externalFiles ?? []));
      spawned = spawnServer(bin.command, plan.args, { ...bin.env, ...plan.env }, outputLog);
      const s = spawned;
      try {
        await waitForGreeting({
          port, implicit: opts.tls === 'implicit', ca: certs.ca,
          cert: certs.clientCertPath && (await readFile(certs.clientCertPath, 'utf8')),
          key: certs.clientKeyPath && (await readFile(certs.clientKeyPath, 'utf8')),
        }, () => s.alive());
        break;
      } catch (err) {
        await s.stop();
        const logs = await readLogs([outputLog, ...plan.logs]);
        if (attempt < START_ATTEMPTS && /address already in use/i.test(logs)) continue;
        throw new Error(`${kind} did not start: ${(err as Error).message}\n` +
          `command: ${bin.command} ${plan.args.join(' ')}\n${logs}`);
      }
    }

    const logPaths = [outputLog, ...plan.logs];
    let stopped: Promise<void> | undefined;
    return {
      kind, host: HOST, port, tls: opts.tls,
      url: `${opts.tls === 'implicit' ? 'ftps' : 'ftp'}://${HOST}:${port}/`,
      user: opts.user, password: opts.password, root,
      async writeFile(relPath, data) {
        const target = path.join(root, relPath);
        await mkdir(path.dirname(target), { recursive: true });
        await fsWriteFile(target, data);
        if (asRoot) {
          // Hand every folder from root down to the target over to the FTP account.
          for (let p = target; p.startsWith(root + path.sep); p = path.dirname(p)) {
            await chown(p, account.uid, account.gid);
          }
        }
      },
      ca: certs.ca, caPath: certs.caPath, serverCertPath: certs.serverCertPath,
      clientCertPath: certs.clientCertPath, clientKeyPath: certs.clientKeyPath,
      logPath: plan.mainLog, logPaths,
      readLogs: () => readLogs(logPaths),
      pid: spawned!.child.pid!,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
