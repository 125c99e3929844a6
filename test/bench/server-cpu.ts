// The CPU time the server spends on a run: what the server alone takes from the machine's
// cores, which no client can go below. The server goes into a cgroup of its own, and every
// session process it forks follows. Its own counters would not do: vsftpd's unprivileged
// session process may outlive its parent, so its CPU never reaches the master's cutime
// (measured: ~1.7 s that way where the cgroup counts 2.75 s for the same 1000 uploads).
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ServerCpu {
  /** Seconds of CPU the server's processes have used since it joined the cgroup. */
  used(): number;
  /** Resolves true once only the server's master process is left (every session ended), false after `timeoutMs`. */
  settled(timeoutMs: number): Promise<boolean>;
  /** Removes the cgroup; call after the server stopped. */
  dispose(): void;
}

/** A CPU-accounting cgroup hierarchy this process may write to, and how it reads a group's usage in seconds. */
interface Hierarchy {
  readonly root: string;
  readonly usage: (group: string) => number;
}

const HIERARCHIES: readonly Hierarchy[] = [
  // cgroup v1: nanoseconds.
  { root: '/sys/fs/cgroup/cpuacct', usage: (group) => Number(readFileSync(path.join(group, 'cpuacct.usage'), 'utf8')) / 1e9 },
  // cgroup v2 (alone, or beside v1): "usage_usec N" in cpu.stat.
  ...['/sys/fs/cgroup/unified', '/sys/fs/cgroup'].map((root) => ({
    root,
    usage: (group: string) => Number(/^usage_usec (\d+)$/m.exec(readFileSync(path.join(group, 'cpu.stat'), 'utf8'))?.[1]) / 1e6,
  })),
];

/** Moves the server whose master process is `pid` into a new cgroup; undefined when this machine offers none to write. */
export function serverCpuOf(pid: number): ServerCpu | undefined {
  for (const hierarchy of HIERARCHIES) {
    const group = path.join(hierarchy.root, `sluice-bench-${process.pid}`);
    try {
      mkdirSync(group);
      writeFileSync(path.join(group, 'cgroup.procs'), String(pid));
      if (!Number.isFinite(hierarchy.usage(group))) throw new Error('no usage counter');
    } catch {
      if (existsSync(group)) rmdirSync(group);
      continue;
    }
    const processes = () => readFileSync(path.join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
    return {
      used: () => hierarchy.usage(group),
      async settled(timeoutMs) {
        const deadline = performance.now() + timeoutMs;
        while (processes().length > 1) {
          if (performance.now() > deadline) return false;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return true;
      },
      dispose() {
        // The kernel may need a moment to let go of the last exited process.
        for (let attempt = 0; attempt < 50 && existsSync(group); attempt++) {
          try {
            rmdirSync(group);
          } catch {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
          }
        }
      },
    };
  }
  return undefined;
}
