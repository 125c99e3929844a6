import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolLogService } from '../../../main/log/log-service';
import type { LogLine } from '../../../shared/services/log';

afterEach(() => vi.useRealTimers());

describe('the protocol log service', () => {
  it('numbers lines, keeps them in order and delivers them in batches', async () => {
    vi.useFakeTimers();
    const log = new ProtocolLogService({ batchMs: 50 });
    const batches: (readonly LogLine[])[] = [];
    log.onDidAppend((lines) => batches.push(lines));
    const write = log.writerFor('127.0.0.1:21');
    for (let index = 0; index < 1000; index++) write({ direction: 'received', text: `200 line ${index}`, time: index });
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((line) => line.seq)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(batches[0]![0]).toEqual({ seq: 1, time: 0, direction: 'received', text: '200 line 0', source: '127.0.0.1:21' });
  });

  it('keeps at most its capacity, the newest lines', async () => {
    const log = new ProtocolLogService({ capacity: 100 });
    for (let index = 0; index < 1000; index++) log.write('s', { direction: 'info', text: String(index), time: index });
    const recent = await log.recent();
    expect(recent.length).toBeLessThanOrEqual(110);
    expect(recent.at(-1)?.text).toBe('999');
    expect(recent.map((line) => line.seq)).toEqual([...recent.map((line) => line.seq)].sort((a, b) => a - b));
    log.flush();
  });

  it('masks a password even if an engine forgot to', async () => {
    const log = new ProtocolLogService();
    log.write('s', { direction: 'sent', text: 'PASS hunter2', time: 1 });
    log.write('s', { direction: 'sent', text: 'pass  hunter2 ', time: 2 });
    log.write('s', { direction: 'sent', text: 'ACCT billing', time: 3 });
    log.write('s', { direction: 'sent', text: 'PASS ****', time: 4 });
    log.write('s', { direction: 'sent', text: 'PASSIVE is not PASS', time: 5 });
    expect((await log.recent()).map((line) => line.text)).toEqual(['PASS ****', 'pass ****', 'ACCT ****', 'PASS ****', 'PASSIVE is not PASS']);
    log.flush();
  });

  it('clears, and says so', async () => {
    const log = new ProtocolLogService();
    const cleared = vi.fn();
    log.onDidClear(cleared);
    log.write('s', { direction: 'info', text: 'x', time: 1 });
    await log.clear();
    expect(await log.recent()).toEqual([]);
    expect(cleared).toHaveBeenCalledOnce();
  });
});
