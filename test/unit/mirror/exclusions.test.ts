import { describe, expect, it } from 'vitest';
import { exclusions } from '../../../main/mirror/exclusions';

describe('mirror exclusions (--exclude GLOB, rsync and lftp rules)', () => {
  it('matches a pattern without a slash against the name, at any depth', () => {
    const excluded = exclusions(['*.tmp', '.git', 'node_modules']);
    expect(excluded('a.tmp', false)).toBe(true);
    expect(excluded('deep/down/b.tmp', false)).toBe(true);
    expect(excluded('src/.git', true)).toBe(true);
    expect(excluded('web/node_modules', true)).toBe(true);
    expect(excluded('a.tmp.keep', false)).toBe(false);
    expect(excluded('src/git', true)).toBe(false);
  });

  it('matches a pattern with a slash against the path from the top folder', () => {
    const excluded = exclusions(['build/cache', '/logs/2024-*', 'docs/**/draft*']);
    expect(excluded('build/cache', true)).toBe(true);
    expect(excluded('other/build/cache', true)).toBe(false);
    expect(excluded('logs/2024-01.txt', false)).toBe(true);
    expect(excluded('logs/2025-01.txt', false)).toBe(false);
    // `*` stays within a name; `**` crosses folders.
    expect(excluded('logs/2024-01/day.txt', false)).toBe(false);
    expect(excluded('docs/a/b/draft-1.md', false)).toBe(true);
    expect(excluded('docs/draft-1.md', false)).toBe(true);
  });

  it('matches a pattern ending in a slash against folders only', () => {
    const excluded = exclusions(['cache/']);
    expect(excluded('x/cache', true)).toBe(true);
    expect(excluded('x/cache', false)).toBe(false);
  });

  it('lets * match names starting with a dot, and keeps ?, classes and braces', () => {
    const excluded = exclusions(['*', '?x', '[ab].txt', '*.{jpg,png}']);
    expect(excluded('.hidden', false)).toBe(true);
    const narrow = exclusions(['?x', '[ab].txt', '*.{jpg,png}']);
    expect(narrow('ax', false)).toBe(true);
    expect(narrow('abx', false)).toBe(false);
    expect(narrow('b.txt', false)).toBe(true);
    expect(narrow('c.txt', false)).toBe(false);
    expect(narrow('photo.png', false)).toBe(true);
    expect(narrow('photo.gif', false)).toBe(false);
  });

  it('refuses a pattern that names nothing', () => {
    expect(() => exclusions(['ok', '/'])).toThrow('--exclude needs a name or a path, not "/"');
    expect(() => exclusions([''])).toThrow(/needs a name or a path/);
  });

  it('leaves everything in without patterns', () => {
    expect(exclusions([])('anything', true)).toBe(false);
  });
});
