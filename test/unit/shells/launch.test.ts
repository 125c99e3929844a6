import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('npm start without an Electron binary', () => {
  it('says so in one plain sentence naming the web shell, with no stack trace', () => {
    // An empty dist folder stands for "the binary is not there and cannot be fetched".
    const emptyDist = makeTempDir();
    try {
      const result = spawnSync(process.execPath, ['app/electron/launch.mjs'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist.path },
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('Electron binary is not installed');
      expect(lines[0]).toContain('npm run web');
      expect(result.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    } finally {
      emptyDist.remove();
    }
  });
});
