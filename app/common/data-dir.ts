import { homedir } from 'node:os';
import path from 'node:path';

/** The XDG data folder for shells without Electron's userData (web host, CLI). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(homedir(), '.local', 'share');
  return path.join(base, 'sluice');
}
