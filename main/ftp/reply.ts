import { FtpError, type FtpPhase } from './errors';

/** One complete FTP reply: its code, its decoded lines (without CRLF) and its text without the codes. */
export interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
  readonly text: string;
}

/** Caps that stop a hostile or broken server from making us buffer without end (security rule 19). */
export interface ReplyLimits {
  /** Longest line in bytes, without its line ending. */
  readonly maxLineBytes: number;
  /** Largest reply in bytes, all lines and line endings together. */
  readonly maxReplyBytes: number;
}

/** 64 KiB holds any honest reply (long paths, STAT listings of a few hundred entries). */
export const DEFAULT_REPLY_LIMITS: ReplyLimits = { maxLineBytes: 64 * 1024, maxReplyBytes: 64 * 1024 };

/** Turns the bytes of one complete line into text; must not throw. */
export type Decode = (bytes: Uint8Array) => string;

const utf8 = new TextDecoder('utf-8');

/** The default decoder: UTF-8, invalid sequences become U+FFFD. */
export const decodeUtf8: Decode = (bytes) => utf8.decode(bytes);

/** Options for parseReplies; every field has a safe default. */
export interface ReplyParseOptions {
  readonly limits?: Partial<ReplyLimits>;
  readonly decode?: Decode;
  /** The phase reported in errors. */
  readonly phase?: FtpPhase;
}

interface OpenReply {
  readonly code: number;
  readonly lines: readonly string[];
  readonly bytes: number;
}

/** What the parser carries between chunks: the bytes of an unfinished line and an unfinished multi-line reply. */
export interface ReplyParserState {
  // Bytes stay bytes until the line ends, so a UTF-8 character split across chunks decodes whole.
  readonly pieces: readonly Buffer[];
  readonly pendingBytes: number;
  readonly open?: OpenReply;
}

/** The state before any byte arrived. */
export const INITIAL_REPLY_STATE: ReplyParserState = { pieces: [], pendingBytes: 0 };

/** The replies completed by a chunk, the state to carry on, and the error that stopped parsing, if any. */
export interface ReplyParseResult {
  readonly replies: Reply[];
  readonly state: ReplyParserState;
  readonly error?: FtpError;
}

const LINE_START = /^([1-6]\d\d)([ -]|$)/;

/** True when the state holds no byte of an unfinished line or reply. */
export function isIdleState(state: ReplyParserState): boolean {
  return state.pendingBytes === 0 && state.open === undefined;
}

/** Parses a chunk of control-connection bytes into complete replies (RFC 959 §4.2); never throws. */
export function parseReplies(
  state: ReplyParserState,
  chunk: Uint8Array,
  options: ReplyParseOptions = {},
): ReplyParseResult {
  const limits = { ...DEFAULT_REPLY_LIMITS, ...options.limits };
  const decode = options.decode ?? decodeUtf8;
  const phase = options.phase ?? 'command';
  const replies: Reply[] = [];
  let pieces = state.pieces;
  let pending = state.pendingBytes;
  let open = state.open;
  let start = 0;
  const fail = (error: FtpError): ReplyParseResult => ({ replies, state: { pieces, pendingBytes: pending, open }, error });

  while (start < chunk.length) {
    const lf = chunk.indexOf(0x0a, start);
    const end = lf === -1 ? chunk.length : lf;
    const piece = Buffer.from(chunk.subarray(start, end));
    const lineBytes = pending + piece.length;
    if (lineBytes > limits.maxLineBytes) return fail(tooLong(limits.maxLineBytes, phase));
    const replyBytes = (open?.bytes ?? 0) + lineBytes;
    if (replyBytes > limits.maxReplyBytes) return fail(tooLarge(limits.maxReplyBytes, phase));
    if (lf === -1) {
      pieces = [...pieces, piece];
      pending = lineBytes;
      break;
    }
    let bytes = pieces.length === 0 ? piece : Buffer.concat([...pieces, piece]);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    pieces = [];
    pending = 0;
    start = lf + 1;
    const step = acceptLine(open, decode(bytes), lineBytes + 1, phase);
    if (step instanceof FtpError) return fail(step);
    if ('code' in step && 'text' in step) {
      replies.push(step);
      open = undefined;
    } else {
      open = step;
    }
  }
  return { replies, state: { pieces, pendingBytes: pending, open } };
}

function acceptLine(open: OpenReply | undefined, line: string, size: number, phase: FtpPhase): Reply | OpenReply | FtpError {
  if (open === undefined) {
    const match = LINE_START.exec(line);
    if (match === null) {
      return new FtpError('protocol', `Server sent a line that is not an FTP reply: ${printable(line)}`, phase);
    }
    const code = Number(match[1]);
    if (match[2] === '-') return { code, lines: [line], bytes: size };
    return { code, lines: [line], text: line.slice(4) };
  }
  const lines = [...open.lines, line];
  const last = String(open.code);
  if (line === last || line.startsWith(`${last} `)) return { code: open.code, lines, text: replyText(open.code, lines) };
  return { code: open.code, lines, bytes: open.bytes + size };
}

function replyText(code: number, lines: readonly string[]): string {
  // Inner lines that repeat "NNN-" (some servers do) lose the prefix like the first line.
  const prefix = `${code}-`;
  return lines
    .map((line, index) => (index === 0 || index === lines.length - 1 || line.startsWith(prefix) ? line.slice(4) : line))
    .join('\n');
}

function tooLong(max: number, phase: FtpPhase): FtpError {
  return new FtpError('reply-too-long', `Server sent a reply line longer than ${max} bytes`, phase);
}

function tooLarge(max: number, phase: FtpPhase): FtpError {
  return new FtpError('reply-too-large', `Server sent a reply larger than ${max} bytes`, phase);
}

/** Shortens and escapes server text for an error message, so control characters never reach a log raw. */
export function printable(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** Stateful wrapper around parseReplies for a connection; `reset()` forgets everything (TLS start). */
export class ReplyReader {
  private state: ReplyParserState = INITIAL_REPLY_STATE;

  constructor(private options: ReplyParseOptions = {}) {}

  /** Feeds one chunk; returns the completed replies and the error that stopped parsing, if any. */
  push(chunk: Uint8Array): { replies: Reply[]; error?: FtpError } {
    const result = parseReplies(this.state, chunk, this.options);
    this.state = result.state;
    return result.error === undefined ? { replies: result.replies } : { replies: result.replies, error: result.error };
  }

  /** True when bytes of an unfinished line or reply are buffered. */
  get hasPending(): boolean {
    return !isIdleState(this.state);
  }

  /** Forgets buffered bytes: the stream they belonged to is gone. */
  reset(): void {
    this.state = INITIAL_REPLY_STATE;
  }

  /** Changes how later lines are decoded (after OPTS UTF8 or a site charset). */
  setDecode(decode: Decode): void {
    this.options = { ...this.options, decode };
  }
}
