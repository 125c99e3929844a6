import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** A pass-through stream over a TCP socket that TLS runs on and that can be let go of later. */
export interface Tunnel {
  readonly stream: Duplex;
  /** Stops moving bytes and hands the TCP socket back, paused, for clear text (after CCC or REIN). */
  detach(): void;
}

/**
 * Opens a tunnel over `raw`. TLS runs on the tunnel, not on the socket itself, because Node
 * cannot shut TLS down and keep using the TCP connection (CCC, REIN) when TLS owns the handle.
 */
export function openTunnel(raw: Socket): Tunnel {
  let attached = true;
  const onData = (chunk: Buffer): void => {
    if (!stream.push(chunk)) raw.pause();
  };
  const onEnd = (): void => {
    stream.push(null);
  };
  const onError = (error: Error): void => {
    stream.destroy(error);
  };
  const onClose = (): void => {
    stream.destroy();
  };
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    raw.off('data', onData);
    raw.off('end', onEnd);
    raw.off('error', onError);
    raw.off('close', onClose);
    raw.pause();
  };
  const stream = new Duplex({
    read() {
      if (attached) raw.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (!attached) return callback(new Error('The TLS tunnel is detached'));
      raw.write(chunk, callback);
    },
    final(callback) {
      // TLS has written its close_notify; the TCP connection stays open for the clear text that follows.
      callback();
    },
    destroy(error, callback) {
      detach();
      callback(error);
    },
  });
  raw.on('data', onData);
  raw.on('end', onEnd);
  raw.on('error', onError);
  raw.on('close', onClose);
  return { stream, detach };
}
