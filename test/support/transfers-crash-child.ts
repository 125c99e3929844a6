// Child process for the queue's crash test: connects, queues downloads under a low speed limit,
// prints "active" once a file has bytes in its temporary file, then waits to be killed (SIGKILL).
import { pinnedVerify } from '../integration/transfers-support';
import { sessionQueue } from '../interop/transfers-session';

const [dataDir, target, port, user, certPath, ...remotes] = process.argv.slice(2) as [string, string, string, string, string, ...string[]];
const { queue } = await sessionQueue(
  {
    host: '127.0.0.1',
    port: Number(port),
    user,
    password: process.env.SLUICE_TEST_PASSWORD ?? '',
    verify: pinnedVerify(certPath),
  },
  dataDir,
  async () => ({ kind: 'file-exists', action: 'skip', applyToAll: false }),
);
await queue.setSpeedLimit(64 * 1024);
await queue.enqueue({ direction: 'download', sources: remotes.map((path) => ({ path, kind: 'file' as const })), targetFolder: target });
queue.onDidChangeItems((items) => {
  if (items.some((item) => item.status === 'active' && item.bytesDone > 0)) process.stdout.write('active\n');
});
