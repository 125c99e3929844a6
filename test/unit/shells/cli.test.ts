import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const sluice = (...args: string[]) => spawnSync(process.execPath, ['bin/sluice.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe('the sluice command', () => {
  it('prints its help with --help and exits 0', () => {
    const result = sluice('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: sluice <command> \[options\]$/m);
  });

  it('prints its version', () => {
    const result = sluice('--version');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown command with exit code 2 and a pointer to --help', () => {
    const result = sluice('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
