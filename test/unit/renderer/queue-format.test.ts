import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../../shared/services/transfers';
import { baseName, formatEta, formatRate, itemEta, parseSpeedLimit, percent, windowTitle } from '../../../renderer/src/queue/queueFormat';
import { newerSide, renameProblem } from '../../../renderer/src/queue/fileExists';
import { finishMessage } from '../../../renderer/src/queue/FinishNotice';

const summary = (over: Partial<QueueSummary> = {}): QueueSummary => ({
  paused: false,
  queued: 3,
  active: 1,
  failed: 0,
  finished: 0,
  bytesTotal: 1000,
  bytesDone: 420,
  rate: 100,
  ...over,
});

describe('queue formatting', () => {
  it('formats rates in binary units per second, and nothing for no rate', () => {
    expect(formatRate(1536)).toMatch(/^1\.5 KiB\/s$/);
    expect(formatRate(0)).toBe('');
    expect(formatRate(undefined)).toBe('');
    expect(formatRate(Number.NaN)).toBe('');
  });

  it('formats the time left as a clock, hours only when needed', () => {
    expect(formatEta(0)).toBe('0:00');
    expect(formatEta(41.2)).toBe('0:42');
    expect(formatEta(725)).toBe('12:05');
    expect(formatEta(3 * 3600 + 7 * 60 + 9)).toBe('3:07:09');
    expect(formatEta(undefined)).toBe('');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('computes an item’s time left from its own rate', () => {
    expect(itemEta({ size: 1000, bytesDone: 400, rate: 200 })).toBe(3);
    expect(itemEta({ size: undefined, bytesDone: 0, rate: 200 })).toBeUndefined();
    expect(itemEta({ size: 1000, bytesDone: 0, rate: 0 })).toBeUndefined();
  });

  it('clamps percentages and counts an empty finished file as complete', () => {
    expect(percent(420, 1000)).toBe(42);
    expect(percent(2000, 1000)).toBe(100);
    expect(percent(0, 0)).toBe(0);
    expect(percent(0, 0, true)).toBe(100);
  });

  it('puts the overall progress first in the window title', () => {
    expect(windowTitle(summary(), 'ftp.example.com')).toBe('42% — Sluice — ftp.example.com');
    expect(windowTitle(summary({ paused: true }), 'h')).toBe('Paused — Sluice — h');
    expect(windowTitle(summary({ queued: 0, active: 0 }), 'h')).toBe('Sluice — h');
    expect(windowTitle(null, null)).toBe('Sluice');
  });

  it('reads the speed limit in KiB/s; empty is unlimited, below 1 KiB/s is refused', () => {
    expect(parseSpeedLimit('')).toBeNull();
    expect(parseSpeedLimit(' 512 ')).toBe(512 * 1024);
    expect(parseSpeedLimit('0')).toBeUndefined();
    expect(parseSpeedLimit('fast')).toBeUndefined();
    expect(parseSpeedLimit('-5')).toBeUndefined();
  });

  it('names the last segment of either kind of path', () => {
    expect(baseName('/srv/a/b.txt')).toBe('b.txt');
    expect(baseName('C:\\Users\\me\\x.bin')).toBe('x.bin');
    expect(baseName('/srv/folder/')).toBe('folder');
    expect(baseName('/')).toBe('/');
  });

  it('words the finished-queue notice', () => {
    expect(finishMessage({ done: 1, failed: 0 })).toBe('1 transfer finished');
    expect(finishMessage({ done: 12, failed: 2 })).toBe('12 transfers finished, 2 failed');
  });
});

describe('file exists', () => {
  it('tells which side is newer, ignoring sub-second differences', () => {
    expect(newerSide({ source: { path: 'a', modified: 5000 }, target: { path: 'b', modified: 1000 } })).toBe('source');
    expect(newerSide({ source: { path: 'a', modified: 1000 }, target: { path: 'b', modified: 5000 } })).toBe('target');
    expect(newerSide({ source: { path: 'a', modified: 1000 }, target: { path: 'b', modified: 1500 } })).toBe('same');
    expect(newerSide({ source: { path: 'a' }, target: { path: 'b', modified: 1 } })).toBe('unknown');
  });

  it('accepts one path segment as a new name, and nothing else', () => {
    expect(renameProblem('report (1).pdf')).toBeNull();
    expect(renameProblem('')).not.toBeNull();
    expect(renameProblem('  ')).not.toBeNull();
    expect(renameProblem('..')).not.toBeNull();
    expect(renameProblem('a/b')).not.toBeNull();
    expect(renameProblem('a\\b')).not.toBeNull();
    expect(renameProblem('x'.repeat(256))).not.toBeNull();
  });
});
