import type IconvLite from 'iconv-lite';
import { FtpError } from './errors';

/** The charsets a site may use for paths when the server does not speak UTF-8. */
export type CharsetName = 'utf-8' | 'latin1' | 'cp1252' | 'cp949' | 'shift_jis';

/** Every charset name, for schemas and pickers. */
export const CHARSET_NAMES: readonly CharsetName[] = ['utf-8', 'latin1', 'cp1252', 'cp949', 'shift_jis'];

/** Encodes paths for the wire and decodes reply lines, both ways in one charset. */
export interface Charset {
  readonly name: CharsetName;
  /** Bytes of one reply line to text; never throws (bad bytes become U+FFFD or a best guess). */
  decode(bytes: Uint8Array): string;
  /** Text to bytes; throws an 'invalid-argument' FtpError when a character has no byte form. */
  encode(text: string): Buffer;
}

const ALIASES: Readonly<Record<string, CharsetName>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
  cp949: 'cp949',
  'euc-kr': 'cp949',
  'shift_jis': 'shift_jis',
  sjis: 'shift_jis',
};

/** Maps a user-facing name (e.g. "EUC-KR", "windows-1252") to ours, or undefined when unknown. */
export function normalizeCharsetName(name: string): CharsetName | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

const utf8Decoder = new TextDecoder('utf-8');

/** UTF-8: every connection's charset until a site asks for another. */
export const UTF8_CHARSET: Charset = {
  name: 'utf-8',
  decode: (bytes) => utf8Decoder.decode(bytes),
  encode: (text) => {
    const bytes = Buffer.from(text, 'utf8');
    // A lone surrogate would silently become U+FFFD: another name than the one asked for.
    if (bytes.toString('utf8') !== text) throw unencodable(text, 'utf-8');
    return bytes;
  },
};

// Loaded on first use: half a megabyte of code tables that most sites never need, and that
// the CLI would otherwise compile on every start (13 ms of its ~215 ms, measured).
let iconvLite: Promise<typeof IconvLite> | undefined;

/** The charset for `name`; legacy charsets go through iconv-lite (Node's own EUC-KR decoder lacks CP949's extension). */
export async function loadCharset(name: CharsetName): Promise<Charset> {
  if (name === 'utf-8') return UTF8_CHARSET;
  iconvLite ??= import('iconv-lite').then((module) => module.default);
  return legacyCharset(name, await iconvLite);
}

function legacyCharset(name: CharsetName, iconv: typeof IconvLite): Charset {
  return {
    name,
    decode: (bytes) => iconv.decode(Buffer.from(bytes), name),
    encode: (text) => {
      const bytes = iconv.encode(text, name);
      // iconv-lite substitutes '?' for what it cannot map; a changed path would hit the wrong file.
      if (iconv.decode(bytes, name) !== text) throw unencodable(text, name);
      return bytes;
    },
  };
}

function unencodable(text: string, name: CharsetName): FtpError {
  return new FtpError('invalid-argument', `The name ${JSON.stringify(text)} cannot be written in ${name}`, 'command');
}
