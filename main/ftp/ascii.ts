import { Transform, type TransformCallback } from 'node:stream';

const CR = 0x0d;
const LF = 0x0a;

/**
 * TYPE A download: the network's CRLF becomes the local line ending (RFC 959 §3.1.1.1).
 * A CR at the end of a chunk waits for the next one, which may start with its LF.
 */
export function networkToLocal(localEnding: '\n' | '\r\n'): Transform {
  let pendingCr = false;
  const ending = Buffer.from(localEnding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const parts: Buffer[] = [];
      let start = 0;
      if (pendingCr) {
        pendingCr = false;
        if (chunk[0] === LF) {
          parts.push(ending);
          start = 1;
        } else {
          parts.push(Buffer.of(CR));
        }
      }
      for (let index = start; index < chunk.length; index += 1) {
        if (chunk[index] !== CR) continue;
        if (index === chunk.length - 1) {
          parts.push(chunk.subarray(start, index));
          pendingCr = true;
          start = chunk.length;
        } else if (chunk[index + 1] === LF) {
          parts.push(chunk.subarray(start, index), ending);
          start = index + 2;
          index += 1;
        }
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
      callback(null, Buffer.concat(parts));
    },
    flush(callback: TransformCallback) {
      callback(null, pendingCr ? Buffer.of(CR) : undefined);
    },
  });
}

/** TYPE A upload: a bare LF becomes CRLF; a CRLF already there stays as it is. */
export function localToNetwork(): Transform {
  let lastWasCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const parts: Buffer[] = [];
      let start = 0;
      for (let index = 0; index < chunk.length; index += 1) {
        const previous = index === 0 ? lastWasCr : chunk[index - 1] === CR;
        if (chunk[index] === LF && !previous) {
          parts.push(chunk.subarray(start, index), Buffer.of(CR));
          start = index;
        }
      }
      parts.push(chunk.subarray(start));
      lastWasCr = chunk.length > 0 ? chunk[chunk.length - 1] === CR : lastWasCr;
      callback(null, Buffer.concat(parts));
    },
  });
}
