// Child process for the queue crash test: adds items and changes their status as fast as it
// can, printing each id once the store says it is on disk, until it is killed with SIGKILL.
import { QueueStore } from '../../main/transfers/queue-store';

const folder = process.argv[2]!;
const store = await QueueStore.open(folder, { flushDelayMs: 5, compactAfterOps: 300 });
process.stdout.write('ready\n');
for (let n = store.model.size; ; n++) {
  const id = `item-${n}`;
  store.commit({
    o: 'add',
    r: { id, direction: 'download', kind: 'file', localPath: `/tmp/${id}`, remotePath: `/${id}`, server: { host: '127.0.0.1', port: 21, user: 'u' }, bytesDone: 0, status: 'queued', attempts: 0, addedAt: Date.now() },
  });
  if (n % 3 === 0) store.commit({ o: 'set', id, p: { status: 'done', finishedAt: Date.now() } });
  if (n % 7 === 0) store.commit({ o: 'move', ids: [id], w: 'top' });
  await store.flush();
  process.stdout.write(`${id}\n`);
}
