import type { Duplex } from 'node:stream';
import type { Charset } from './charset';
import type { ControlConnection } from './control';
import { runDataCommand, type TimedDataSession } from './data-command';
import { FtpError } from './errors';
import { createListingParser, ListingTooLargeError, parseMlstLine, type ListingOptions, type ListingParser, type RemoteEntry } from './listing/index';

/** Options of a folder listing; the caps default to 64 MiB and 10 million entries (rule 19). */
export interface ListOptions {
  readonly maxListingBytes?: number;
  readonly maxEntries?: number;
  /** Keep each entry's source line in `raw`. */
  readonly keepRaw?: boolean;
  readonly signal?: AbortSignal;
  /** Told at most every `progressIntervalMs` (default 100) while a big listing arrives. */
  readonly onProgress?: (progress: { readonly bytes: number; readonly lines: number }) => void;
  readonly progressIntervalMs?: number;
}

/** A folder's entries; names unsafe as local path segments are flagged in `unsafe`, never dropped. */
export interface Listing {
  readonly entries: RemoteEntry[];
  /** MLSD when FEAT offered MLST, else LIST. */
  readonly command: 'MLSD' | 'LIST';
  /** The format the parser recognised (`mlsd`, `unix`, `dos` …). */
  readonly format: string | undefined;
  /** Lines no parser could read, counted, with the first few kept for the log. */
  readonly unparsedCount: number;
  readonly unparsed: readonly string[];
}

/**
 * Lists a folder over a data connection, parsing as the bytes arrive: MLSD (RFC 3659, exact
 * times and types) when the server offers it, plain LIST otherwise (`LIST -a` would be read as a
 * path by some servers). No TYPE change: servers send listings the same way in either type.
 */
export async function listDirectory(session: TimedDataSession, useMlsd: boolean, path: string | undefined, options: ListOptions = {}): Promise<Listing> {
  const command = useMlsd ? 'MLSD' : 'LIST';
  const parserOptions: ListingOptions = {
    format: useMlsd ? 'mlsd' : 'list',
    ...(options.maxListingBytes === undefined ? {} : { maxListingBytes: options.maxListingBytes }),
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    ...(options.keepRaw === undefined ? {} : { keepRaw: options.keepRaw }),
  };
  const parser = createListingParser(parserOptions);
  const feed = lineFeeder(parser, session.control.currentCharset);
  await runDataCommand(session, {
    command,
    ...(path === undefined || path === '' ? {} : { arg: path }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    body: async (stream: Duplex, activity) => {
      const progress = progressCounter(options);
      for await (const chunk of stream) {
        activity();
        capped(() => feed(chunk as Buffer));
        progress(chunk as Buffer);
      }
    },
  });
  const result = capped(() => {
    feed(undefined);
    return parser.end();
  });
  if (result.unparsedCount > 0) session.control.note('info', `${result.unparsedCount} listing lines could not be read, e.g. ${JSON.stringify(result.unparsed[0])}`);
  return { entries: result.entries, command, format: result.format, unparsedCount: result.unparsedCount, unparsed: result.unparsed };
}

/** Counts bytes and lines of a listing for its progress reports; a no-op without a listener. */
function progressCounter(options: ListOptions): (chunk: Buffer) => void {
  const report = options.onProgress;
  if (report === undefined) return () => undefined;
  const intervalMs = options.progressIntervalMs ?? 100;
  let bytes = 0;
  let lines = 0;
  let last = Date.now();
  return (chunk) => {
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      report({ bytes, lines });
    }
  };
}

/** One path's facts over the control connection (MLST, RFC 3659 §7): no data connection needed. */
export async function statEntry(control: ControlConnection, path: string): Promise<RemoteEntry> {
  const reply = await control.send('MLST', path);
  if (reply.code !== 250) throw new FtpError('command-failed', `MLST ${path} failed: ${reply.code} ${reply.text}`, 'command', reply.code);
  // "250-Listing path", " type=file;size=3; /path", "250 End": the facts line starts with a space.
  const line = reply.lines.find((text, index) => index > 0 && text.startsWith(' '));
  const entry = line === undefined ? undefined : parseMlstLine(line);
  if (entry === undefined) throw new FtpError('protocol', `No facts in the MLST reply: ${reply.text}`, 'command', 250);
  return entry;
}

/**
 * UTF-8 bytes go to the parser as they are (it decodes across chunk edges itself); a legacy
 * charset is decoded line by line, since its characters may not split at any byte.
 */
function lineFeeder(parser: ListingParser, charset: Charset): (chunk: Buffer | undefined) => void {
  if (charset.name === 'utf-8') return (chunk) => {
    if (chunk !== undefined) parser.push(chunk);
  };
  let carry = Buffer.alloc(0);
  return (chunk) => {
    const bytes = chunk === undefined ? carry : Buffer.concat([carry, chunk]);
    const cut = chunk === undefined ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
    if (cut > 0) parser.push(charset.decode(bytes.subarray(0, cut)));
    carry = Buffer.from(bytes.subarray(cut));
  };
}

/** Runs a parser step, turning a cap it hits into the engine's typed error. */
function capped<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ListingTooLargeError) throw new FtpError('listing-too-large', error.message, 'data', undefined, error);
    throw error;
  }
}
