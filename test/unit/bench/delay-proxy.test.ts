import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../bench/latency/delay-proxy';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** An echo server on 127.0.0.1 at a free port. */
async function echoServer(): Promise<number> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

describe('the bench delay proxy (a distant server on loopback)', () => {
  it('echoes every byte in order, a round trip of twice its delay later, and passes the end on', async () => {
    const port = await echoServer();
    const proxy: DelayProxy = await startDelayProxy('127.0.0.2', '127.0.0.1', [port], 40);
    cleanup.push(() => proxy.close());
    const socket = net.connect({ host: '127.0.0.2', port });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    const sent = Date.now();
    for (let i = 0; i < 50; i++) socket.write(Buffer.from(`${i},`));
    socket.end();
    await ended;
    expect(Date.now() - sent).toBeGreaterThanOrEqual(78);
    expect(Buffer.concat(received).toString()).toBe(Array.from({ length: 50 }, (_, i) => `${i},`).join(''));
  });
});
