import type { OnReadOpts } from 'node:net';

/**
 * Takes a download's bytes without a readable stream. Node's `onread` puts each read (each
 * decrypted TLS record under PROT P) straight into a buffer the reader owns: no Buffer per
 * 16 KiB record, no stream machinery per chunk. Those fresh Buffers are what made a gigabyte
 * download trigger ~35 full garbage collections (their memory lives outside V8's heap).
 */
export interface DirectReader {
  /** Where the next bytes go; never empty. Asked again after every `received`. */
  nextBuffer(): Uint8Array;
  /** `length` bytes arrived at the start of the last buffer handed out. False pauses reading until the reader resumes its source. */
  received(length: number): boolean;
  /** The socket the bytes come from, once it exists: the reader resumes it after a pause. */
  attach(source: { resume(): unknown }): void;
}

/** Node's `onread` option for `reader`. */
export function onreadOf(reader: DirectReader): OnReadOpts {
  return { buffer: () => reader.nextBuffer(), callback: (length) => reader.received(length) };
}
