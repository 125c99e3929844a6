import { describe, expect, it } from 'vitest';
import { QueueModel } from '../../../main/transfers/queue-model';
import type { QueueRecord } from '../../../main/transfers/queue-record';

function record(id: string, status: QueueRecord['status'] = 'queued'): QueueRecord {
  return { id, direction: 'upload', kind: 'file', localPath: `/l/${id}`, remotePath: `/r/${id}`, server: { host: '127.0.0.1', port: 21, user: 'u' }, bytesDone: 0, status, attempts: 0, addedAt: 0 };
}

function modelOf(ids: string[]): QueueModel {
  const model = new QueueModel();
  for (const id of ids) model.apply({ o: 'add', r: record(id) });
  return model;
}

const order = (model: QueueModel) => model.all().map((each) => each.id);

describe('queue model', () => {
  it('moves a selection up and down one step, keeping its relative order', () => {
    const model = modelOf(['a', 'b', 'c', 'd', 'e']);
    model.apply({ o: 'move', ids: ['c', 'e'], w: 'up' });
    expect(order(model)).toEqual(['a', 'c', 'b', 'e', 'd']);
    model.apply({ o: 'move', ids: ['a', 'c'], w: 'up' });
    expect(order(model)).toEqual(['a', 'c', 'b', 'e', 'd']);
    model.apply({ o: 'move', ids: ['a', 'b'], w: 'down' });
    expect(order(model)).toEqual(['c', 'a', 'e', 'b', 'd']);
  });

  it('moves a selection to the top and the bottom', () => {
    const model = modelOf(['a', 'b', 'c', 'd']);
    model.apply({ o: 'move', ids: ['d', 'b'], w: 'top' });
    expect(order(model)).toEqual(['b', 'd', 'a', 'c']);
    model.apply({ o: 'move', ids: ['b'], w: 'bottom' });
    expect(order(model)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('pages each tab in queue order with its total', () => {
    const model = modelOf(['a', 'b', 'c', 'd', 'e']);
    model.apply({ o: 'set', id: 'b', p: { status: 'done' } });
    model.apply({ o: 'set', id: 'd', p: { status: 'failed' } });
    expect(model.page('queued', 1, 1)).toMatchObject({ total: 3, items: [{ id: 'c' }] });
    expect(model.page('finished', 0, 10).items.map((each) => each.id)).toEqual(['b']);
    expect(model.page('failed', 0, 10).total).toBe(1);
    expect(model.count('queued')).toBe(3);
    expect(model.count('done')).toBe(1);
  });

  it('ignores a duplicate add (a walk replayed after a crash) and clears fields set to null', () => {
    const model = modelOf(['a']);
    expect(model.apply({ o: 'add', r: { ...record('a'), localPath: '/other' } })).toEqual([]);
    model.apply({ o: 'set', id: 'a', p: { error: { kind: 'timeout', message: 'slow' } } });
    model.apply({ o: 'set', id: 'a', p: { error: null } });
    expect(model.get('a')).not.toHaveProperty('error');
    expect(model.get('a')?.localPath).toBe('/l/a');
  });

  it('picks queued records in order, past finished ones, and stops when told', () => {
    const model = modelOf(['a', 'b', 'c', 'd']);
    model.apply({ o: 'set', id: 'a', p: { status: 'done' } });
    expect(model.nextQueued(() => true, 2).map((each) => each.id)).toEqual(['b', 'c']);
    model.apply({ o: 'set', id: 'b', p: { status: 'active' } });
    model.apply({ o: 'set', id: 'c', p: { status: 'active' } });
    expect(model.nextQueued(() => true).map((each) => each.id)).toEqual(['d']);
    let seen = 0;
    expect(model.nextQueued(() => (seen++ === 0 ? 'stop' : true))).toEqual([]);
    // A retried record before the scan's start is found again.
    model.apply({ o: 'set', id: 'a', p: { status: 'queued' } });
    expect(model.nextQueued(() => true).map((each) => each.id)).toEqual(['a', 'd']);
  });

  it('drops records and forgets their counts', () => {
    const model = modelOf(['a', 'b']);
    model.apply({ o: 'drop', ids: ['a'] });
    expect(order(model)).toEqual(['b']);
    expect(model.count('queued')).toBe(1);
    expect(model.get('a')).toBeUndefined();
  });
});
