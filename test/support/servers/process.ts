// Runs a server as a foreground child in its own process group, and makes sure none
// outlives the test process: vsftpd and proftpd fork one process per FTP session, and
// those survive their listener unless the whole group is killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

const live = new Set<ChildProcess>();
const exitTasks = new Set<() => void>();
let hookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function runExitTasks(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const task of exitTasks) {
    try {
      task();
    } catch {
      // best effort: the process is exiting anyway
    }
  }
}

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing we can still do.
  process.on('exit', runExitTasks);
  // Servers run in their own process groups, so a Ctrl-C of the test run doesn't reach
  // them: clean up on the usual termination signals, then die of the same signal unless
  // someone else (e.g. the test runner) handles it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      runExitTasks();
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Runs a synchronous clean-up if the test process exits before it's unregistered. */
export function atExit(task: () => void): () => void {
  installExitHook();
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

export interface Spawned {
  child: ChildProcess;
  alive(): boolean;
  /** SIGTERM the group, then SIGKILL it if it lingers. */
  stop(): Promise<void>;
}

/** Spawns `command args`, with stdout and stderr appended to `outputLog`. */
export function spawnServer(command: string, args: string[], env: Record<string, string>, outputLog: string): Spawned {
  installExitHook();
  const fd = openSync(outputLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', fd, fd],
      detached: true, // own process group, so stop() reaches forked session processes
    });
  } finally {
    closeSync(fd);
  }
  live.add(child);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
    child.once('error', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
  });
  return {
    child,
    alive: () => !exited,
    async stop() {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
      await exitPromise;
      clearTimeout(timer);
      // The leader is gone; make sure forked session processes are too.
      killGroup(child, 'SIGKILL');
    },
  };
}
