// A TCP proxy that delays every byte by a fixed time each way: a distant server on loopback.
// Data connections connect to the control connection's peer address (security rule 12), so
// one proxy address in front of the control port and every passive port stands in for the
// whole server. Order is kept, and a close follows the last bytes; connecting costs no delay
// here, where a real network would add a round trip.
import net from 'node:net';

export interface DelayProxy {
  close(): Promise<void>;
}

/** Listens on `listenHost` at each port of `ports` and forwards to the same port of `targetHost`, `oneWayMs` later each way. */
export async function startDelayProxy(listenHost: string, targetHost: string, ports: readonly number[], oneWayMs: number): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  const servers = await Promise.all(ports.map((port) => listen(listenHost, port, (client) => {
    const upstream = net.connect({ host: targetHost, port, noDelay: true, allowHalfOpen: true });
    client.setNoDelay(true);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    forwardLater(client, upstream, oneWayMs);
    forwardLater(upstream, client, oneWayMs);
  })));
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function listen(host: string, port: number, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // Half-open both ways: an end travels as an end, and the other direction goes on.
    const server = net.createServer({ allowHalfOpen: true }, onConnection);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Writes what `from` sends to `to`, `delayMs` later, in order; ends and resets travel the same way. */
function forwardLater(from: net.Socket, to: net.Socket, delayMs: number): void {
  let last = 0;
  const later = (step: () => void): void => {
    // Never before an earlier chunk: timers of equal time run in order, and `last` keeps it so.
    const at = Math.max(Date.now() + delayMs, last);
    last = at;
    setTimeout(step, at - Date.now());
  };
  from.on('data', (chunk: Buffer) => later(() => to.write(chunk)));
  from.on('end', () => later(() => to.end()));
  from.on('error', () => later(() => to.destroy()));
  from.on('close', () => later(() => to.destroy()));
  to.on('error', () => from.destroy());
}
