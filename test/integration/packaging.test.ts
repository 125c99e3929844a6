import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

const root = path.resolve(import.meta.dirname, '..', '..');
type Manifest = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
const manifestOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;

/** Every package the runtime dependencies pull in, transitively: what a package may carry. */
function runtimeClosure(): Set<string> {
  const seen = new Set<string>();
  const pending = Object.keys(manifestOf(root).dependencies ?? {});
  while (pending.length) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const folder = path.join(root, 'node_modules', name);
    if (!existsSync(folder)) continue;
    const manifest = manifestOf(folder);
    pending.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
  }
  return seen;
}

describe('packaging with electron-builder', () => {
  // electron-builder cannot download Electron here: an empty executable named electron stands in.
  const stubDist = makeTempDir('sluice-electron-stub-');
  const output = makeTempDir('sluice-release-');
  afterAll(() => {
    stubDist.remove();
    output.remove();
  });

  it('packs --linux dir into an app.asar holding main, preload and renderer and no dev-only dependency', () => {
    writeFileSync(path.join(stubDist.path, 'electron'), '');
    chmodSync(path.join(stubDist.path, 'electron'), 0o755);
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', `-c.electronDist=${stubDist.path}`, `-c.directories.output=${output.path}`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);

    const asar = path.join(output.path, 'linux-unpacked', 'resources', 'app.asar');
    expect(existsSync(asar)).toBe(true);
    const files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    expect(files).toContain('/dist/electron/main.cjs');
    expect(files).toContain('/dist/electron/preload.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files.some((file) => /^\/dist\/renderer\/assets\/.*\.js$/.test(file))).toBe(true);

    // No sources, tests or source maps travel with the app.
    expect(files.filter((file) => /^\/(main|shared|renderer|app|test)\//.test(file) || file.endsWith('.map'))).toEqual([]);
    // Whatever node_modules it carries are runtime dependencies (or theirs), never dev-only ones.
    const packaged = new Set(files.map((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));
    const runtime = runtimeClosure();
    const devOnly = [...packaged].filter((name) => !runtime.has(name!));
    expect(devOnly).toEqual([]);
    expect(packaged.has('react')).toBe(false);
    expect(packaged.has('electron')).toBe(false);
  }, 180_000);
});
