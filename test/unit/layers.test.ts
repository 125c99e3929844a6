import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule of the architecture: renderer → shared; main → shared + Node;
 * app → main + shared; shared → nothing (runs anywhere). Only app/electron may import
 * electron at runtime. This test reads every import of every source file.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const nodeBuiltins = new Set(['fs', 'path', 'os', 'net', 'tls', 'crypto', 'child_process', 'http', 'https', 'stream', 'events', 'url', 'util', 'zlib', 'readline', 'worker_threads', 'buffer', 'timers', 'dns', 'process', 'module']);

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

interface Import { file: string; specifier: string; typeOnly: boolean }

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4] ?? match[5];
    if (specifier) found.push({ file, specifier, typeOnly: Boolean(match[2]) });
  }
  return found;
}

/** The layer a resolved import lands in, or the package it names. */
function target(item: Import): { layer?: string; pkg?: string } {
  if (item.specifier.startsWith('.')) {
    const resolved = path.relative(root, path.resolve(root, path.dirname(item.file), item.specifier));
    return { layer: resolved.split(path.sep)[0] };
  }
  const bare = item.specifier.replace(/^node:/, '');
  const pkg = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : (bare.split('/')[0] ?? bare);
  return { pkg: item.specifier.startsWith('node:') || nodeBuiltins.has(pkg) ? `node:${pkg}` : pkg };
}

const rules: Record<string, { layers: string[]; node: boolean; electron: 'never' | 'types' | 'runtime'; dom?: boolean }> = {
  shared: { layers: ['shared'], node: false, electron: 'never' },
  main: { layers: ['main', 'shared'], node: true, electron: 'types' },
  renderer: { layers: ['renderer', 'shared'], node: false, electron: 'types' },
  app: { layers: ['app', 'main', 'shared', 'package.json'], node: true, electron: 'types' },
};

describe('layer rule', () => {
  for (const [layer, rule] of Object.entries(rules)) {
    it(`${layer}/ imports only what its layer may`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(layer)) {
        const inElectronShell = file.startsWith(path.join('app', 'electron') + path.sep);
        for (const item of importsOf(file)) {
          const { layer: into, pkg } = target(item);
          if (into !== undefined && !rule.layers.includes(into)) violations.push(`${file} → ${item.specifier}`);
          if (pkg?.startsWith('node:') && !rule.node) violations.push(`${file} → ${item.specifier} (Node)`);
          if (pkg === 'electron' && !item.typeOnly && !inElectronShell) violations.push(`${file} → electron at runtime`);
          if (pkg === 'electron' && rule.electron === 'never') violations.push(`${file} → electron`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('would catch a violation (the checker itself works)', () => {
    const fake = { file: path.join('renderer', 'src', 'x.ts'), specifier: '../../main/services', typeOnly: false };
    expect(target(fake).layer).toBe('main');
    expect(target({ ...fake, specifier: 'node:fs' }).pkg).toBe('node:fs');
    expect(target({ ...fake, specifier: 'fs/promises' }).pkg).toBe('node:fs');
  });
});
