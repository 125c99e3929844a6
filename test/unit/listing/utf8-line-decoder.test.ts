import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8LineDecoder } from '../../../main/ftp/listing/utf8-line-decoder';

/** Bytes around UTF-8's edges: line feeds, ASCII, lead and continuation bytes, never-valid ones, a BOM. */
const edgyByte = fc.constantFrom(0x0a, 0x0d, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
const bytes = fc
  .array(
    fc.oneof(
      fc.array(edgyByte, { minLength: 1, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }).map((text) => [...Buffer.from(text, 'utf8')]),
      fc.constant([0xef, 0xbb, 0xbf]),
    ),
    { maxLength: 20 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** Feeds `data` cut at `cuts`, overwriting each chunk after the push as a socket buffer might be. */
function decodeInChunks(data: Uint8Array, cuts: number[]): { text: string; pieces: string[] } {
  const decoder = new Utf8LineDecoder();
  const pieces: string[] = [];
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, data.length]) {
    const chunk = data.slice(start, point);
    decoder.push(chunk, (text) => pieces.push(text));
    chunk.fill(0x21);
    start = point;
  }
  const rest = decoder.flush();
  return { text: pieces.join('') + rest, pieces };
}

describe('Utf8LineDecoder', () => {
  it('gives the text a streaming TextDecoder gives, however the bytes are cut', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (data, cuts) => {
        const streaming = new TextDecoder('utf-8');
        const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
        let expected = '';
        let start = 0;
        for (const point of [...points, data.length]) {
          expected += streaming.decode(data.subarray(start, point), { stream: true });
          start = point;
        }
        expected += streaming.decode();
        expect(decodeInChunks(data, cuts).text).toBe(expected);
        expect(decodeInChunks(data, cuts).text).toBe(new TextDecoder('utf-8').decode(data));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives out whole lines only, and holds the rest until flushed', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (data, cuts) => {
        for (const piece of decodeInChunks(data, cuts).pieces) expect(piece.endsWith('\n')).toBe(true);
      }),
      { numRuns: 2000 },
    );
    const decoder = new Utf8LineDecoder();
    const pieces: string[] = [];
    decoder.push(Buffer.from('ab'), (text) => pieces.push(text));
    decoder.push(Buffer.from('c\nd'), (text) => pieces.push(text));
    expect(pieces).toEqual(['abc\n']);
    expect(decoder.flush()).toBe('d');
    expect(decoder.flush()).toBe('');
  });

  it('drops a BOM at the start of the listing only, even when its bytes arrive apart', () => {
    const decoder = new Utf8LineDecoder();
    const pieces: string[] = [];
    for (const byte of [0xef, 0xbb, 0xbf]) decoder.push(Uint8Array.of(byte), (text) => pieces.push(text));
    decoder.push(Buffer.from('a\n\ufeffb\n'), (text) => pieces.push(text));
    expect(pieces.join('')).toBe('a\n\ufeffb\n');
  });

  it('reads a plain Uint8Array view into a larger buffer at its own offset', () => {
    const backing = Buffer.from('xxxé\nyyy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 3, 5);
    const pieces: string[] = [];
    new Utf8LineDecoder().push(view, (text) => pieces.push(text));
    expect(pieces).toEqual(['é\n']);
  });
});
