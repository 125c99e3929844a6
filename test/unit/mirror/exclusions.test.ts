import { describe, expect, it } from 'vitest';
import { exclusions } from '../../../main/mirror/exclusions';

/** [patterns, relative path, is a folder, left out] */
type Case = readonly [readonly string[], string, boolean, boolean];

const NAME_RULES: readonly string[] = ['*.tmp', '.git', 'node_modules'];
const PATH_RULES: readonly string[] = ['build/cache', '/logs/2024-*', 'docs/**/draft*'];
const NARROW: readonly string[] = ['?x', '[ab].txt', '*.{jpg,png}'];

const cases: Readonly<Record<string, readonly Case[]>> = {
  'a pattern without a slash matches the name, at any depth': [
    [NAME_RULES, 'a.tmp', false, true],
    [NAME_RULES, 'deep/down/b.tmp', false, true],
    [NAME_RULES, 'src/.git', true, true],
    [NAME_RULES, 'web/node_modules', true, true],
    [NAME_RULES, 'a.tmp.keep', false, false],
    [NAME_RULES, 'src/git', true, false],
  ],
  'a pattern with a slash matches the path from the top folder; * stays in a name, ** crosses folders': [
    [PATH_RULES, 'build/cache', true, true],
    [PATH_RULES, 'other/build/cache', true, false],
    [PATH_RULES, 'logs/2024-01.txt', false, true],
    [PATH_RULES, 'logs/2025-01.txt', false, false],
    [PATH_RULES, 'logs/2024-01/day.txt', false, false],
    [PATH_RULES, 'docs/a/b/draft-1.md', false, true],
    [PATH_RULES, 'docs/draft-1.md', false, true],
  ],
  'a pattern ending in a slash matches folders only': [
    [['cache/'], 'x/cache', true, true],
    [['cache/'], 'x/cache', false, false],
  ],
  '* matches names starting with a dot; ?, classes and braces work': [
    [['*'], '.hidden', false, true],
    [NARROW, 'ax', false, true],
    [NARROW, 'abx', false, false],
    [NARROW, 'b.txt', false, true],
    [NARROW, 'c.txt', false, false],
    [NARROW, 'photo.png', false, true],
    [NARROW, 'photo.gif', false, false],
  ],
  'no pattern leaves everything in': [[[], 'anything', true, false]],
};

describe('mirror exclusions (--exclude GLOB, rsync and lftp rules)', () => {
  for (const [rule, table] of Object.entries(cases)) {
    it(rule, () => {
      for (const [patterns, relative, isFolder, excluded] of table) {
        expect(exclusions(patterns)(relative, isFolder), `${patterns.join(' ')} on ${relative}${isFolder ? '/' : ''}`).toBe(excluded);
      }
    });
  }

  it('refuses a pattern that names nothing', () => {
    expect(() => exclusions(['ok', '/'])).toThrow('--exclude needs a name or a path, not "/"');
    expect(() => exclusions([''])).toThrow(/needs a name or a path/);
  });
});
