import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/services/log';
import { logLinesToText } from '../../../renderer/src/log/logFormat';
import { toPaneEntry } from '../../../renderer/src/remote/remoteEntry';
import { joinRemote, remoteParent } from '../../../renderer/src/remote/remotePath';
import { appendCapped } from '../../../renderer/src/store/logSlice';

const line = (seq: number, text = `line ${seq}`): LogLine => ({ seq, time: Date.UTC(2026, 0, 1, 12, 0, 0, 42), direction: 'sent', text, source: 'h:21' });

describe('protocol log ring', () => {
  it('caps the lines, keeping the newest, and ignores repeated batches', () => {
    let lines: readonly LogLine[] = [];
    for (let seq = 1; seq <= 25; seq += 5) lines = appendCapped(lines, [1, 2, 3, 4, 5].map((n) => line(seq + n - 1)), 10);
    expect(lines.map((l) => l.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(appendCapped(lines, [line(24), line(25)], 10)).toBe(lines);
  });

  it('copies as tab-separated text', () => {
    expect(logLinesToText([line(1, 'PASS ****')])).toMatch(/^\d\d:\d\d:\d\d\.042\th:21\tSent\tPASS \*\*\*\*$/);
  });
});

describe('remote paths and entries', () => {
  it('joins and splits POSIX paths', () => {
    expect(joinRemote('/', 'a')).toBe('/a');
    expect(joinRemote('/a/b', 'c')).toBe('/a/b/c');
    expect(remoteParent('/a/b/')).toBe('/a');
    expect(remoteParent('/a')).toBe('/');
    expect(remoteParent('/')).toBeNull();
  });

  it('keeps links unfollowed and carries the unsafe reason', () => {
    const link = toPaneEntry('/pub', { name: 'latest', kind: 'symlink', linkTarget: 'v2' });
    expect(link).toEqual({ name: 'latest', path: '/pub/latest', kind: 'symlink', size: 0, modified: null, linkTarget: 'v2' });
    expect(toPaneEntry('/', { name: 'CON', kind: 'file', size: 3, unsafe: 'reserved' }).warning).toBe('reserved');
  });
});
