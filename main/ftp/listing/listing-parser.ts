/**
 * Reads a listing as it arrives: chunks in, entries out, lines split across chunks carried
 * over (like reply.ts). The format is chosen from the first meaningful line; a line the chosen
 * format cannot read is offered to the others, and a line nobody reads is counted and sampled,
 * never thrown. Every entry's name is checked as a local path segment (rule 16).
 */

import { createParseContext, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { isNoiseLine, LIST_PARSERS, MLSD_PARSERS } from './formats';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { ListingTooLargeError, resolveListingOptions, type ListingOptions, type ResolvedListingOptions } from './parse-options';
import { unsafeNameReason } from './unsafe-name';
import { Utf8LineDecoder } from './utf8-line-decoder';

/** A parsed listing. */
export interface ListingResult {
  readonly entries: RemoteEntry[];
  /** The format chosen from the first meaningful line (`unix`, `dos`, `mlsd` …), if any. */
  readonly format: string | undefined;
  /** How many lines no parser could read. */
  readonly unparsedCount: number;
  /** The first of those lines, for the log. */
  readonly unparsed: string[];
}

/** An incremental listing parser. */
export interface ListingParser {
  /** Adds a chunk; returns the entries it completed. Throws ListingTooLargeError past a cap. */
  push(chunk: string | Uint8Array): RemoteEntry[];
  /** Ends the listing (the last line needs no newline) and returns all of it. */
  end(): ListingResult;
}

/** Creates an incremental parser for an MLSD or LIST reply. */
export function createListingParser(options?: ListingOptions): ListingParser {
  return new IncrementalListing(resolveListingOptions(options));
}

/** Parses a whole MLSD or LIST reply at once. */
export function parseList(text: string, options?: ListingOptions): ListingResult {
  const parser = createListingParser(options);
  parser.push(text);
  return parser.end();
}

/** Parses a whole MLSD reply (cdir and pdir lines are skipped). */
export function parseMlsd(text: string, options?: Omit<ListingOptions, 'format'>): ListingResult {
  return parseList(text, { ...options, format: 'mlsd' });
}

class IncrementalListing implements ListingParser {
  private readonly context: ParseContext;
  private readonly candidates: readonly LineParser[];
  private readonly entries: RemoteEntry[] = [];
  private readonly unparsed: string[] = [];
  private unparsedCount = 0;
  private chosen: LineParser | undefined;
  private carry = '';
  /** The start of an entry that continues on the next line (VMS). */
  private partial: string | undefined;
  private bytes = 0;
  private decoder: Utf8LineDecoder | undefined;
  /** Hands decoded text to lines(); made once, since it is called for every byte chunk. */
  private readonly takeText = (text: string): void => this.lines(text);
  private failure: ListingTooLargeError | undefined;

  constructor(private readonly options: ResolvedListingOptions) {
    this.context = createParseContext(options.now);
    this.candidates = options.format === 'mlsd' ? MLSD_PARSERS : LIST_PARSERS;
    if (options.format === 'mlsd') this.chosen = MLSD_PARSERS[0];
  }

  push(chunk: string | Uint8Array): RemoteEntry[] {
    if (this.failure !== undefined) throw this.failure;
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.byteLength;
    if (this.bytes > this.options.maxListingBytes) this.fail(new ListingTooLargeError('maxListingBytes', this.options.maxListingBytes));
    const before = this.entries.length;
    if (typeof chunk === 'string') {
      // Bytes held back by the decoder came first: a line begun as bytes ends in this text.
      if (this.decoder !== undefined) this.carry += this.decoder.flush();
      this.lines(chunk);
    } else {
      // One decoder for the whole listing: it holds a line split across chunks as bytes, so a
      // UTF-8 character split with it survives, and decodes whole lines only.
      this.decoder ??= new Utf8LineDecoder();
      this.decoder.push(chunk, this.takeText);
    }
    return this.entries.slice(before);
  }

  /**
   * Hands every complete line of `text` to line() and keeps the unfinished rest in carry.
   * Scanning with indexOf instead of split('\n') keeps only one line alive at a time, so a
   * 100,000-line chunk does not put 100,000 line strings through the young-generation GC.
   */
  private lines(text: string): void {
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline < 0) {
      this.carry += text;
      return;
    }
    if (this.carry.length > 0) {
      const first = this.carry + text.slice(0, newline);
      this.carry = '';
      this.line(first, 0, first.length);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    // line() written out for the lines in the middle: this loop runs once per entry.
    const context = this.context;
    const keepRaw = this.options.keepRaw;
    while (newline >= 0) {
      const stop = newline > start && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      const chosen = this.chosen;
      const result = chosen?.parseRange === undefined || this.partial !== undefined ? undefined : chosen.parseRange(text, start, stop, context);
      if (result === undefined) this.lineText(text.slice(start, stop));
      else if (result !== SKIP) this.add(result, keepRaw ? text.slice(start, stop) : undefined);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.carry = text.slice(start);
  }

  end(): ListingResult {
    if (this.failure !== undefined) throw this.failure;
    const rest = this.carry + (this.decoder === undefined ? '' : this.decoder.flush());
    this.carry = '';
    if (rest.length > 0) this.line(rest, 0, rest.length);
    if (this.partial !== undefined) this.reject(this.partial);
    this.partial = undefined;
    return { entries: this.entries, format: this.chosen?.format, unparsedCount: this.unparsedCount, unparsed: this.unparsed };
  }

  /** Handles the line `text[start, end)`, which has no `\n`; a trailing `\r` is dropped. */
  private line(text: string, start: number, end: number): void {
    const stop = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const chosen = this.chosen;
    // Hot path: the chosen format reads the line in place; no line string unless it is kept.
    if (chosen?.parseRange !== undefined && this.partial === undefined) {
      const result = chosen.parseRange(text, start, stop, this.context);
      if (result !== undefined) {
        if (result !== SKIP) this.add(result, this.options.keepRaw ? text.slice(start, stop) : undefined);
        return;
      }
    }
    this.lineText(start === 0 && stop === text.length ? text : text.slice(start, stop));
  }

  /** Handles one line as a string: format detection, wrapped entries, fallbacks, rejects. */
  private lineText(text: string): void {
    let line = text;
    if (this.partial !== undefined) {
      const start = this.partial;
      this.partial = undefined;
      // A wrapped entry continues on an indented line; a new name means the start stood alone.
      if (this.chosen?.testLine(line) === true) this.reject(start);
      else line = `${start} ${line}`;
    }
    if (this.chosen === undefined) {
      if (isNoiseLine(line)) return;
      this.chosen = this.candidates.find((parser) => parser.testLine(line));
    }
    if (this.chosen?.isPartial?.(line) === true) {
      this.partial = line;
      return;
    }
    const result = this.parse(line);
    if (result === undefined) {
      if (!isNoiseLine(line)) this.reject(line);
    } else if (result !== SKIP) {
      this.add(result, this.options.keepRaw ? line : undefined);
    }
  }

  /** The chosen format first, then any other that fits this one line. */
  private parse(line: string): LineResult {
    const chosen = this.chosen;
    const result = chosen?.parseLine(line, this.context);
    if (result !== undefined) return result;
    for (const parser of this.candidates) {
      if (parser === chosen || !parser.testLine(line)) continue;
      const fallback = parser.parseLine(line, this.context);
      if (fallback !== undefined) return fallback;
    }
    return undefined;
  }

  /** Adds an entry; `raw` is its line when the caller asked for keepRaw. */
  private add(entry: RemoteEntry, raw: string | undefined): void {
    if (this.entries.length >= this.options.maxEntries) this.fail(new ListingTooLargeError('maxEntries', this.options.maxEntries));
    const unsafe = unsafeNameReason(entry.name);
    if (unsafe !== undefined) entry.unsafe = unsafe;
    if (raw !== undefined) entry.raw = raw;
    this.entries.push(entry);
  }

  private reject(line: string): void {
    this.unparsedCount++;
    if (this.unparsed.length < this.options.maxUnparsedSamples) this.unparsed.push(line);
  }

  private fail(error: ListingTooLargeError): never {
    this.failure = error;
    throw error;
  }
}
