// 2,000 small files up and down through the queue and its connection pool, against a real
// vsftpd that requires TLS session reuse, behind a proxy that resets connections at random.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DropProxy } from '../support/fault-server/drop-proxy';
import { startServer, type RunningServer } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';
import { hashTree, idleOrStuck, poolQueue, writeTree } from './transfers-support';

let server: RunningServer;
let proxy: DropProxy;
let temp: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  // A drop between STOR and our data connect leaves vsftpd in accept() holding the file's
  // upload lock; 5 s instead of a minute keeps that within this test's ~12 s of retries.
  server = await startServer('vsftpd', { requireSessionReuse: true, acceptTimeoutSeconds: 5 });
  proxy = await DropProxy.start({ target: { host: '127.0.0.1', port: server.port } });
  temp = makeTempDir();
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  temp?.remove();
});

describe('transfer queue under random connection drops', () => {
  it('moves 2,000 files up and back down: each arrives once and whole, nothing partial under a final name', async () => {
    const source = path.join(temp.path, 'source');
    const expected = writeTree(source, 20, 100);
    expect(expected.size).toBe(2_000);
    const { queue, opened } = poolQueue({ dataDir: path.join(temp.path, 'data'), server, port: proxy.port });
    // Each control connection lives 0.3–3 s, then the proxy resets it, whatever it is doing.
    proxy.setLifetime({ min: 300, max: 3_000 });
    const failures = async () => (await queue.list('failed', 0, 20)).items.map((item) => `${item.remotePath}: ${item.error?.kind ?? ''} after ${item.attempts} tries: ${item.error?.message ?? ''}`);
    try {
      await queue.enqueue({ direction: 'upload', sources: [{ path: source, kind: 'folder' }], targetFolder: '/' });
      await idleOrStuck(queue);
      expect(await failures()).toEqual([]);
      const uploaded = hashTree(path.join(server.root, 'source'));
      expect(uploaded).toEqual(expected);

      const back = path.join(temp.path, 'back');
      mkdirSync(back);
      await queue.enqueue({ direction: 'download', sources: [{ path: '/source', kind: 'folder' }], targetFolder: back });
      await idleOrStuck(queue);
      expect(await failures()).toEqual([]);
      // Equal maps: no missing file, no extra one, no `.sluice-part` left anywhere.
      expect(hashTree(path.join(back, 'source'))).toEqual(expected);

      const summary = await queue.summary();
      expect(summary).toMatchObject({ queued: 0, active: 0, failed: 0 });
      expect(summary.finished).toBe(4_002);
      // The faults really happened, and the queue retried through them.
      const finished = await queue.list('finished', 0, 1000);
      expect(finished.total).toBe(4_002);
      const retried = finished.items.filter((item) => item.attempts > 1).length;
      expect(proxy.drops).toBeGreaterThan(5);
      expect(opened()).toBeGreaterThan(8);
      console.log(`drops: ${proxy.drops}, connections opened: ${opened()}, retried items in the first 1000: ${retried}`);
    } finally {
      proxy.setLifetime(undefined);
      await queue.shutdown();
    }
  }, 600_000);
});
