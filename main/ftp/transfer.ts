import type { Duplex, Readable, Writable } from 'node:stream';
import type { ByteCollector } from './byte-collector';
import { pipeline } from 'node:stream/promises';
import { localToNetwork, networkToLocal } from './ascii';
import { runDataCommand, type DataCommand, type TimedDataSession } from './data-command';
import type { DirectReader } from './direct-read';
import { FtpError } from './errors';
import { ProgressMeter, type ProgressListener } from './progress';
import type { RingFileWriter } from './ring-file-writer';
import type { Reply } from './reply';

/** TYPE I moves bytes as they are; TYPE A converts line endings. */
export type TransferType = 'binary' | 'ascii';

/** A data session that can set TYPE (once: it is not sent again while in force). */
export interface TransferSession extends TimedDataSession {
  ensureType(type: 'A' | 'I'): Promise<void>;
}

/** Options shared by every transfer. */
export interface StreamTransferOptions {
  /** Default 'binary'. */
  readonly type?: TransferType;
  /** Cancels the transfer: ABOR is sent (inside TLS) and the data connection closed. */
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Time between progress reports (default 100 ms). */
  readonly progressIntervalMs?: number;
  /** REST offset: the transfer starts this many bytes into the file (binary only). */
  readonly startAt?: number;
  /** The file's whole size when known, for progress. */
  readonly totalBytes?: number;
}

/** Options of a download into a stream. */
export interface DownloadStreamOptions extends StreamTransferOptions {
  /** End the writable when the download is done (default true). */
  readonly end?: boolean;
  /** Local line ending for TYPE A (default: LF). */
  readonly localLineEnding?: '\n' | '\r\n';
}

/** How an upload names its remote file: STOR (replace), APPE (append) or STOU (the server picks a unique name). */
export type UploadMode = 'store' | 'append' | 'unique';

/** Options of an upload from a stream. */
export interface UploadStreamOptions extends StreamTransferOptions {
  /** Default 'store'. With `startAt`, 'store' sends REST then STOR. */
  readonly mode?: UploadMode;
}

/** What a finished transfer reports. */
export interface TransferResult {
  /** Bytes moved over the data connection (after line-ending conversion on our side). */
  readonly bytes: number;
  readonly reply: Reply;
  readonly durationMs: number;
  /** Under TLS: whether the data connection resumed the control session. */
  readonly sessionReused?: boolean;
  /** STOU: the name the server chose, when it said so. */
  readonly remoteName?: string;
}

// Read files in big chunks: fewer system calls and event-loop turns per gigabyte.
const READ_CHUNK = 1024 * 1024;

/** The read size for local files that feed an upload. */
export const UPLOAD_READ_CHUNK = READ_CHUNK;

/** Downloads `remotePath` into `sink` (RETR), with backpressure: never more than a few chunks in memory. */
export async function downloadTo(session: TransferSession, remotePath: string, sink: Writable, options: DownloadStreamOptions = {}): Promise<TransferResult> {
  const type = options.type ?? 'binary';
  const startAt = checkedOffset(type, options.startAt);
  return retrieve(session, remotePath, type === 'ascii' ? 'A' : 'I', startAt, options, (counted) => ({
    move: async (stream) => {
      stream.on('data', (chunk: Buffer) => counted(chunk.length));
      const end = options.end ?? true;
      if (type === 'ascii') await pipeline(stream, networkToLocal(options.localLineEnding ?? '\n'), sink, { end });
      else await pipeline(stream, sink, { end });
    },
  }));
}

/**
 * Downloads `remotePath` (RETR, binary, from `options.startAt`) into a file through `writer`.
 * A passive data connection hands its bytes to the writer straight from the socket; an active
 * one feeds it from its stream.
 */
export async function downloadToFile(session: TransferSession, remotePath: string, writer: RingFileWriter, options: StreamTransferOptions = {}): Promise<TransferResult> {
  const startAt = checkedOffset('binary', options.startAt);
  return retrieve(session, remotePath, 'I', startAt, options, (counted) => {
    writer.onBytes = counted;
    return { reader: writer, move: (stream, direct) => writer.complete(stream, direct) };
  });
}

/**
 * Downloads `remotePath` (RETR, binary) into `collector`, a small file's bytes in memory. No
 * stream pipeline: for a 10 KiB file its set-up (an AbortController, end-of-stream watchers,
 * a DOMException at the end) cost more than the bytes. What arrived before a failure stays in
 * the collector.
 */
export function downloadInto(
  session: TransferSession,
  remotePath: string,
  collector: ByteCollector,
  options: StreamTransferOptions & Pick<DataCommand, 'alongside'> = {},
): Promise<TransferResult> {
  return retrieve(session, remotePath, 'I', 0, options, (counted) => ({
    move: (stream) =>
      new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          try {
            collector.add(chunk);
          } catch (error) {
            reject(error);
            stream.destroy();
            return;
          }
          counted(chunk.length);
        });
        let ended = false;
        stream.once('end', () => {
          ended = true;
          resolve();
        });
        stream.once('error', reject);
        // A close before 'end' is a connection cut short. (After 'end' no error is built: its stack costs.)
        stream.once('close', () => {
          if (!ended) reject(new FtpError('connection-closed', 'The data connection closed before the end of the file', 'data'));
        });
      }),
  }));
}

/** How a download takes its bytes off the data connection. */
interface Receiver {
  /** Takes the bytes straight from the socket where the data connection allows (see DataCommand.reader). */
  readonly reader?: DirectReader;
  /** Reads the data stream (or, `direct`, waits for its end) and resolves when every byte is placed. */
  move(stream: Duplex, direct: boolean): Promise<void>;
}

/**
 * RETR from `startAt` in TYPE `type`, with the progress meter and the result every download
 * shares. `receive` gets `counted`, which must see the length of every arrival.
 */
async function retrieve(
  session: TransferSession,
  remotePath: string,
  type: 'A' | 'I',
  startAt: number,
  options: StreamTransferOptions & Pick<DataCommand, 'alongside'>,
  receive: (counted: (length: number) => void) => Receiver,
): Promise<TransferResult> {
  await session.ensureType(type);
  const meter = new ProgressMeter(options.onProgress, startAt, options.totalBytes, options.progressIntervalMs);
  // The stall watch starts with the body; bytes that reach a direct reader before it only count.
  let activity = (): void => undefined;
  const { reader, move } = receive((length) => {
    meter.add(length);
    activity();
  });
  const started = performance.now();
  const result = await runDataCommand(session, {
    command: 'RETR',
    arg: remotePath,
    restartAt: startAt,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.alongside === undefined ? {} : { alongside: options.alongside }),
    ...(reader === undefined ? {} : { reader }),
    body: (stream, touch, direct) => {
      activity = touch;
      return move(stream, direct);
    },
  });
  meter.finish();
  return withReuse({ bytes: meter.bytes, reply: result.reply, durationMs: performance.now() - started }, result.sessionReused);
}

/** Uploads `source` to `remotePath` (STOR, APPE or STOU), then ends the data connection cleanly (close_notify, then FIN). */
export async function uploadFrom(session: TransferSession, source: Readable, remotePath: string, options: UploadStreamOptions = {}): Promise<TransferResult> {
  const type = options.type ?? 'binary';
  const startAt = checkedOffset(type, options.startAt);
  const mode = options.mode ?? 'store';
  await session.ensureType(type === 'ascii' ? 'A' : 'I');
  const meter = new ProgressMeter(options.onProgress, startAt, options.totalBytes, options.progressIntervalMs);
  const started = performance.now();
  let remoteName: string | undefined;
  const result = await runDataCommand(session, {
    ...commandFor(mode, remotePath),
    restartAt: mode === 'store' ? startAt : 0,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onPreliminary: (reply) => {
      if (mode === 'unique') remoteName = uniqueName(reply.text);
    },
    body: async (stream: Duplex, activity) => {
      // The server sends nothing on an upload, but TLS records (close_notify, tickets) must be read.
      stream.resume();
      source.on('data', (chunk: Buffer) => {
        meter.add(chunk.length);
        activity();
      });
      // pipeline() ends the data stream: TLS sends close_notify before the TCP FIN, so strict servers (vsftpd) see a clean end.
      if (type === 'ascii') await pipeline(source, localToNetwork(), stream);
      else await pipeline(source, stream);
    },
  });
  meter.finish();
  const done = withReuse({ bytes: meter.bytes, reply: result.reply, durationMs: performance.now() - started }, result.sessionReused);
  remoteName ??= mode === 'unique' ? uniqueName(result.reply.text) : undefined;
  return remoteName === undefined ? done : { ...done, remoteName };
}

function commandFor(mode: UploadMode, remotePath: string): { command: string; arg?: string } {
  switch (mode) {
    case 'store':
      return { command: 'STOR', arg: remotePath };
    case 'append':
      return { command: 'APPE', arg: remotePath };
    case 'unique':
      // RFC 959 STOU takes no argument; the server picks the name in the current folder.
      return { command: 'STOU' };
  }
}

/** The name in a STOU reply: "150 FILE: name" (RFC 1123 §4.1.2.9) or a quoted name. */
function uniqueName(text: string): string | undefined {
  const file = /FILE:\s*(.+?)\s*$/i.exec(text);
  if (file?.[1] !== undefined) return file[1];
  const quoted = /"([^"]+)"/.exec(text);
  return quoted?.[1];
}

function checkedOffset(type: TransferType, startAt: number | undefined): number {
  const offset = startAt ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new FtpError('invalid-argument', `Not a valid restart offset: ${offset}`, 'data');
  // In TYPE A the server counts bytes of its own representation: an offset from our file would be wrong.
  if (offset > 0 && type === 'ascii') throw new FtpError('invalid-argument', 'A TYPE A transfer cannot resume at an offset', 'data');
  return offset;
}

function withReuse(result: TransferResult, sessionReused: boolean | undefined): TransferResult {
  return sessionReused === undefined ? result : { ...result, sessionReused };
}
