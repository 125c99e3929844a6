/**
 * Which entries a mirror leaves out (`sluice mirror --exclude GLOB`), with rsync's and lftp's
 * `--exclude-glob` rules, which their users already know:
 * - a pattern without `/` matches an entry's name at any depth: `*.tmp`, `.git`, `node_modules`;
 * - a pattern with a `/` matches the path from the mirrored folder: `logs/2024-*`, `build/cache`
 *   (a leading `/` only says so);
 * - a pattern ending in `/` matches folders only: `cache/`;
 * - `*` and `?` stay within a name, `**` crosses folders, `[a-z]` and `{a,b}` work, and `*`
 *   matches names that start with a dot too.
 * A folder left out is not walked at all: nothing below it is listed, made or moved.
 */

import picomatch from 'picomatch';

/** True when the entry at `relative` (`/`-separated, from the mirrored folder) is to be left out. */
export type ExcludeTest = (relative: string, isFolder: boolean) => boolean;

interface Rule {
  readonly matches: (text: string) => boolean;
  /** Matched against the whole relative path; else against the name. */
  readonly anchored: boolean;
  readonly foldersOnly: boolean;
}

/** The test for `patterns`; throws a plain Error naming a pattern that is empty or only slashes. */
export function exclusions(patterns: readonly string[]): ExcludeTest {
  const rules = patterns.map(ruleOf);
  return (relative, isFolder) => {
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    return rules.some((rule) => (isFolder || !rule.foldersOnly) && rule.matches(rule.anchored ? relative : name));
  };
}

function ruleOf(pattern: string): Rule {
  const foldersOnly = pattern.endsWith('/');
  const trimmed = pattern.replace(/\/+$/, '');
  const anchored = trimmed.includes('/');
  const glob = trimmed.replace(/^\/+/, '');
  if (glob === '') throw new Error(`--exclude needs a name or a path, not "${pattern}"`);
  return { matches: picomatch(glob, { dot: true }), anchored, foldersOnly };
}
