// Finds each server's executable. vsftpd is apt-installed; proftpd and pure-ftpd conflict
// with it in apt, so scripts/install-test-deps.sh unpacks them into <repo>/.tmp/servers/.
// A system install wins when present, so a machine with proftpd installed also works.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './types';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTRACT_ROOT = path.join(REPO_ROOT, '.tmp', 'servers');

export interface ServerBinary {
  /** The executable to spawn. */
  command: string;
  /** Arguments that must precede the server's own (e.g. the python script). */
  prefixArgs: string[];
  /** Extra environment (LD_LIBRARY_PATH for unpacked binaries). */
  env: Record<string, string>;
  /** proftpd: folder holding mod_tls.so, for ModulePath. */
  moduleDir?: string;
  /** pure-ftpd: pure-pw, to build the PureDB user database. */
  purePw?: string;
}

export type Binaries = Record<ServerKind, ServerBinary | undefined>;

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

function locateVsftpd(): ServerBinary | undefined {
  const command = firstExisting(['/usr/sbin/vsftpd', path.join(EXTRACT_ROOT, 'vsftpd/usr/sbin/vsftpd')]);
  return command ? { command, prefixArgs: [], env: {} } : undefined;
}

function locateProftpd(): ServerBinary | undefined {
  const system = '/usr/sbin/proftpd';
  if (existsSync(system) && existsSync('/usr/lib/proftpd/mod_tls.so')) {
    return { command: system, prefixArgs: [], env: {}, moduleDir: '/usr/lib/proftpd' };
  }
  const base = path.join(EXTRACT_ROOT, 'proftpd');
  const command = path.join(base, 'usr/sbin/proftpd');
  const moduleDir = path.join(base, 'usr/lib/proftpd');
  if (!existsSync(command) || !existsSync(path.join(moduleDir, 'mod_tls.so'))) return undefined;
  return { command, prefixArgs: [], env: { LD_LIBRARY_PATH: moduleDir }, moduleDir };
}

function locatePureFtpd(): ServerBinary | undefined {
  const system = { command: '/usr/sbin/pure-ftpd', purePw: '/usr/bin/pure-pw' };
  const base = path.join(EXTRACT_ROOT, 'pure-ftpd');
  const extracted = { command: path.join(base, 'usr/sbin/pure-ftpd'), purePw: path.join(base, 'usr/bin/pure-pw') };
  const found = [system, extracted].find((c) => existsSync(c.command) && existsSync(c.purePw));
  return found ? { ...found, prefixArgs: [], env: {} } : undefined;
}

function locatePyftpdlib(): ServerBinary | undefined {
  // Debian's python3-pyftpdlib lives in /usr/lib/python3/dist-packages, which only
  // Debian's own interpreter sees (not a pyenv/venv python3 earlier on PATH).
  if (!existsSync('/usr/lib/python3/dist-packages/pyftpdlib/handlers.py')) return undefined;
  const command = firstExisting(['/usr/bin/python3']);
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pyftpdlib_server.py');
  return command ? { command, prefixArgs: [script], env: { PYTHONNOUSERSITE: '1' } } : undefined;
}

let cached: Binaries | undefined;

/** Where each server lives; undefined for servers that aren't installed (run scripts/install-test-deps.sh). */
export function locateBinaries(): Binaries {
  cached ??= {
    vsftpd: locateVsftpd(),
    proftpd: locateProftpd(),
    'pure-ftpd': locatePureFtpd(),
    pyftpdlib: locatePyftpdlib(),
  };
  return cached;
}

export function requireBinary(kind: ServerKind): ServerBinary {
  const bin = locateBinaries()[kind];
  if (!bin) throw new Error(`${kind} is not installed: run scripts/install-test-deps.sh`);
  return bin;
}
