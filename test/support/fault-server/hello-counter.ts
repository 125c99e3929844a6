import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

// A TLS record starts with a 5-byte header: content type (1), legacy version (2), length (2).
const HEADER = 5;
// Of a handshake record's payload we need: msg_type (1), length (3), ClientHello's legacy_version (2).
const PEEK = 6;
const HANDSHAKE = 0x16;
const CLIENT_HELLO = 0x01;

/**
 * Counts the ClientHello messages in a client→server TLS byte stream, whatever the chunking.
 * A second ClientHello on one connection is the client's answer to a HelloRetryRequest
 * (TLS 1.3: its first key share was for a group the server does not take). Every handshake
 * record of TLS 1.3 is plaintext; TLS 1.2 encrypts the client's Finished, which is why the
 * ClientHello's legacy_version (always 0x0303) is checked too, not the message type alone.
 */
export class ClientHelloScanner {
  count = 0;
  // The current record's header and the first bytes of its payload, while they come in.
  private head = Buffer.alloc(0);
  // Payload bytes of the current record still to pass over.
  private skip = 0;

  scan(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skip > 0) {
        const passed = Math.min(this.skip, chunk.length - offset);
        this.skip -= passed;
        offset += passed;
        continue;
      }
      const take = Math.min(this.wanted() - this.head.length, chunk.length - offset);
      this.head = Buffer.concat([this.head, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.head.length >= HEADER && this.head.length === this.wanted()) this.endOfPeek();
    }
  }

  /** How many bytes of the current record `head` must hold before it can be judged. */
  private wanted(): number {
    return this.head.length < HEADER ? HEADER : HEADER + Math.min(PEEK, this.head.readUInt16BE(3));
  }

  private endOfPeek(): void {
    const head = this.head;
    const isClientHello = head.length === HEADER + PEEK && head[0] === HANDSHAKE && head[HEADER] === CLIENT_HELLO && head[HEADER + 4] === 0x03 && head[HEADER + 5] === 0x03;
    if (isClientHello) this.count += 1;
    this.skip = head.readUInt16BE(3) - (head.length - HEADER);
    this.head = Buffer.alloc(0);
  }
}

/**
 * A stream between a raw TCP socket and a server TLSSocket: forwards bytes both ways
 * unchanged and counts the ClientHellos the client sends (see ClientHelloScanner).
 */
export class HelloCountingStream extends Duplex {
  private readonly scanner = new ClientHelloScanner();

  constructor(private readonly raw: Socket) {
    super();
    raw.on('data', (chunk: Buffer) => {
      this.scanner.scan(chunk);
      // TLS reads slower than TCP delivers (a big upload): hold TCP until TLS asks again.
      if (!this.push(chunk)) raw.pause();
    });
    raw.on('end', () => this.push(null));
    raw.on('error', (error) => this.destroy(error));
    raw.on('close', () => this.destroy());
  }

  /** ClientHellos seen so far on this connection. */
  get clientHellos(): number {
    return this.scanner.count;
  }

  override _read(): void {
    // A passive data socket is accepted paused (pauseOnConnect): reading starts when TLS asks.
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.raw.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.raw.destroy();
    callback(error);
  }
}
