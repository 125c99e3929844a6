// What the figures were measured on, for results.json and the README's performance section.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const exec = promisify(execFile);

async function firstLine(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await exec(cmd, args);
    return (stdout || stderr).split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  tools: Record<string, string>;
  /** 1-minute load average when the bench started: other work on the machine skews figures. */
  loadAtStart: number;
}

export async function describeEnvironment(): Promise<Environment> {
  const [curl, lftp, vsftpd, openssl] = await Promise.all([
    firstLine('curl', ['--version']),
    firstLine('lftp', ['--version']),
    firstLine('dpkg-query', ['-W', '-f=vsftpd ${Version}', 'vsftpd']),
    firstLine('openssl', ['version']),
  ]);
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    kernel: os.release(),
    node: process.version,
    tools: { curl, lftp, vsftpd, openssl },
    loadAtStart: Number(os.loadavg()[0]!.toFixed(2)),
  };
}
