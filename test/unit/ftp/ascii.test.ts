import fc from 'fast-check';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { localToNetwork, networkToLocal } from '../../../main/ftp/ascii';
import type { Transform } from 'node:stream';

async function through(transform: Transform, chunks: string[]): Promise<string> {
  return (await buffer(Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'latin1'))).pipe(transform))).toString('latin1');
}

describe('TYPE A line endings', () => {
  it('turns CRLF into LF (or CRLF), also across chunk edges, and keeps a lone CR', async () => {
    expect(await through(networkToLocal('\n'), ['a\r', '\nb\r\n', 'c\rd\r'])).toBe('a\nb\nc\rd\r');
    expect(await through(networkToLocal('\r\n'), ['a\r\nb'])).toBe('a\r\nb');
  });

  it('turns bare LF into CRLF and leaves CRLF alone, also across chunk edges', async () => {
    expect(await through(localToNetwork(), ['a\n', 'b\r', '\nc\n\n'])).toBe('a\r\nb\r\nc\r\n\r\n');
  });

  it('download after upload gives back text with LF endings, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', '\n', ' '), { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), async (chars, sizes) => {
        const text = chars.join('');
        const chunks: string[] = [];
        for (let at = 0, index = 0; at < text.length; index += 1) {
          const size = sizes[index % sizes.length] ?? 1;
          chunks.push(text.slice(at, at + size));
          at += size;
        }
        const wire = await through(localToNetwork(), chunks);
        expect(await through(networkToLocal('\n'), [wire])).toBe(text);
      }),
    );
  });
});
