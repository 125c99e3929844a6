import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A running web shell (the built dist/web/main.js) with its own data folder. */
export interface RunningWebShell {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface WebShellOptions {
  readonly dataDir?: string;
  readonly env?: Record<string, string>;
  readonly port?: number;
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Starts the web shell exactly as `npm run web` would, and waits for its one line. */
export async function startWebShell(options: WebShellOptions = {}): Promise<RunningWebShell> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sluice-data-'));
  const child = spawn(process.execPath, ['dist/web/main.js', '--port', String(options.port ?? 0), '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`web shell exited (${code}) before printing its URL: ${stderr}`)));
    setTimeout(() => reject(new Error(`web shell printed nothing in 15 s: ${stderr}`)), 15_000).unref();
  });
  const match = /^Sluice web host: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first line from the web shell: ${firstLine}`);
  const [, origin, token] = match as unknown as [string, string, string];
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
