// Runs a client as a child process, timing nothing (the harness does) but capturing its
// peak RSS: through GNU time's %M when /usr/bin/time exists, else by polling VmHWM.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readMemoryKiB } from '../proc-status';
import type { OpStats } from '../types';

const GNU_TIME = '/usr/bin/time';
const STDERR_CAP = 64 * 1024; // enough for a diagnosis, bounded if a client is chatty

// Clients run in their own process groups (see spawnAndWait), so a Ctrl-C of the bench
// doesn't reach them: kill whatever is still running when the bench exits.
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
});

export interface CommandOptions {
  /** Written to the child's stdin, then closed (keeps passwords out of argv). */
  stdin?: string;
  /** Added to the bench's environment (e.g. SLUICE_PASSWORD for the sluice CLI). */
  env?: Record<string, string>;
  timeoutMs: number;
}

export async function runCommand(argv: readonly string[], opts: CommandOptions): Promise<OpStats> {
  const useTime = existsSync(GNU_TIME);
  const tmp = useTime ? await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-')) : undefined;
  const timeFile = tmp && path.join(tmp, 'time');
  const full = timeFile ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, ...argv] : [...argv];
  try {
    const { code, signal, stderr, polledHwmKiB } = await spawnAndWait(full, opts, !useTime);
    if (code !== 0) {
      const why = signal ? `signal ${signal}` : `exit ${code}`;
      // The last lines say why; a client failing file after file would drown the log.
      const lines = stderr.trim().split('\n').filter(Boolean);
      const more = lines.length > 3 ? ` (last 3 of ${lines.length} stderr lines)` : '';
      throw new Error(`${argv[0]} failed (${why})${more}: ${lines.slice(-3).join(' | ')}`);
    }
    if (!timeFile) return polledHwmKiB === undefined ? {} : { peakRssKiB: polledHwmKiB };
    return parseTimeLine((await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '');
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

interface Exit { code: number | null; signal: NodeJS.Signals | null; stderr: string; polledHwmKiB?: number }

function spawnAndWait(argv: readonly string[], opts: CommandOptions, pollHwm: boolean): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd) return reject(new Error('empty command'));
    // Own process group, so a timeout kills the client and anything it forked.
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: { ...process.env, ...opts.env },
    });
    const pgid = child.pid;
    if (pgid !== undefined) liveGroups.add(pgid);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_CAP);
    });
    child.stdin.on('error', () => {}); // a client that exits early closes its stdin: not our failure
    child.stdin.end(opts.stdin ?? '');
    let hwm: number | undefined;
    const poller = pollHwm && child.pid !== undefined ? setInterval(() => {
      const v = readMemoryKiB(child.pid!, 'VmHWM');
      if (v !== undefined) hwm = Math.max(hwm ?? 0, v);
    }, 20) : undefined;
    const timer = setTimeout(() => {
      if (child.pid !== undefined) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      stderr += `\n[bench] killed after ${opts.timeoutMs} ms`;
    }, opts.timeoutMs);
    child.on('error', (err) => {
      if (pgid !== undefined) liveGroups.delete(pgid);
      clearTimeout(timer);
      clearInterval(poller);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (pgid !== undefined) liveGroups.delete(pgid);
      clearTimeout(timer);
      clearInterval(poller);
      resolve({ code, signal, stderr, ...(hwm === undefined ? {} : { polledHwmKiB: hwm }) });
    });
  });
}

/** GNU time's last line, `%M %U %S`: peak RSS in KiB, then user and system seconds. */
export function parseTimeLine(line: string): OpStats {
  const [kib, user, system] = line.trim().split(/\s+/).map(Number);
  const stats: OpStats = {};
  if (kib !== undefined && Number.isFinite(kib) && kib > 0) stats.peakRssKiB = kib;
  if (user !== undefined && system !== undefined && Number.isFinite(user) && Number.isFinite(system)) stats.cpu = { user, system };
  return stats;
}
