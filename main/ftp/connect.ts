import { connect, type Socket } from 'node:net';
import { FtpError, fromSocketError } from './errors';

/** Opens the TCP connection of a control channel, failing with a typed error after `timeoutMs`. */
export function connectTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = timeoutMs > 0
      ? setTimeout(() => {
          socket.destroy();
          reject(new FtpError('timeout', `No connection to ${host}:${port} within ${timeoutMs} ms`, 'connect'));
        }, timeoutMs)
      : undefined;
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(fromSocketError(error, 'connection-failed', 'connect'));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Commands are small and each waits for its reply: Nagle would only add delay.
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
