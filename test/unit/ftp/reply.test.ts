import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FtpError } from '../../../main/ftp/errors';
import { INITIAL_REPLY_STATE, parseReplies, ReplyReader, type Reply, type ReplyParseOptions } from '../../../main/ftp/reply';

/** Feeds `chunks` one after another and collects every reply, or the first error. */
function feed(chunks: readonly Uint8Array[], options?: ReplyParseOptions): { replies: Reply[]; error?: FtpError } {
  let state = INITIAL_REPLY_STATE;
  const replies: Reply[] = [];
  for (const chunk of chunks) {
    const result = parseReplies(state, chunk, options);
    replies.push(...result.replies);
    if (result.error !== undefined) return { replies, error: result.error };
    state = result.state;
  }
  return { replies };
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseReplies', () => {
  it('parses a single-line reply and keeps its text without the code', () => {
    const { replies } = feed([bytes('220 Service ready\r\n')]);
    expect(replies).toEqual([{ code: 220, lines: ['220 Service ready'], text: 'Service ready' }]);
  });

  it('parses several replies in one chunk', () => {
    const { replies } = feed([bytes('331 Password\r\n230 Logged in\r\n200 OK\r\n')]);
    expect(replies.map((reply) => reply.code)).toEqual([331, 230, 200]);
  });

  it('parses a multi-line reply whose inner lines start with digits (RFC 959 §4.2)', () => {
    const text = '211-Status:\r\n123 inner line starting with digits\r\n211-also inner\r\n 211 indented\r\n211 End\r\n';
    const { replies } = feed([bytes(text)]);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.code).toBe(211);
    expect(replies[0]?.lines).toHaveLength(5);
    expect(replies[0]?.text).toBe('Status:\n123 inner line starting with digits\nalso inner\n 211 indented\nEnd');
  });

  it('does not end a multi-line reply on another code followed by a space', () => {
    const { replies } = feed([bytes('230-Welcome\r\n220 not the end\r\n230 Logged in\r\n')]);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.lines).toEqual(['230-Welcome', '220 not the end', '230 Logged in']);
  });

  it('accepts bare LF line endings and a reply of only the code', () => {
    const { replies } = feed([bytes('200\n230 ok\n')]);
    expect(replies.map((reply) => [reply.code, reply.text])).toEqual([[200, ''], [230, 'ok']]);
  });

  it('keeps the unfinished tail for the next chunk', () => {
    const first = parseReplies(INITIAL_REPLY_STATE, bytes('220 Hel'));
    expect(first.replies).toEqual([]);
    expect(first.state.pendingBytes).toBe(7);
    const second = parseReplies(first.state, bytes('lo\r\n'));
    expect(second.replies[0]?.text).toBe('Hello');
  });

  it('decodes a UTF-8 character split across chunks whole', () => {
    const line = bytes('257 "/Ünïcødé/日本"\r\n');
    const chunks = [...line].map((byte) => Uint8Array.of(byte));
    const { replies } = feed(chunks);
    expect(replies[0]?.text).toBe('"/Ünïcødé/日本"');
  });

  it('decodes with the charset function it is given', () => {
    const latin1 = (data: Uint8Array): string => Buffer.from(data).toString('latin1');
    const { replies } = feed([Buffer.concat([bytes('257 "/caf'), Buffer.of(0xe9), bytes('"\r\n')])], { decode: latin1 });
    expect(replies[0]?.text).toBe('"/café"');
  });

  it('rejects a line that is not a reply with a typed protocol error', () => {
    const { error } = feed([bytes('HELLO\r\n')]);
    expect(error).toBeInstanceOf(FtpError);
    expect(error?.kind).toBe('protocol');
  });

  it('caps the line length, even before the line ends', () => {
    const { error } = feed([bytes(`220 ${'x'.repeat(100)}`)], { limits: { maxLineBytes: 50 } });
    expect(error?.kind).toBe('reply-too-long');
  });

  it('caps the reply size across lines of a multi-line reply', () => {
    const lines = Array.from({ length: 100 }, (_, index) => ` line ${index}\r\n`).join('');
    const { error } = feed([bytes(`211-start\r\n${lines}211 End\r\n`)], { limits: { maxReplyBytes: 500 } });
    expect(error?.kind).toBe('reply-too-large');
  });

  it('caps at 64 KiB by default', () => {
    const { error } = feed([bytes(`220-${'y'.repeat(70 * 1024)}\r\n`)]);
    expect(error?.kind).toBe('reply-too-long');
    const many = Array.from({ length: 2000 }, () => ` ${'z'.repeat(40)}\r\n`).join('');
    expect(feed([bytes(`211-a\r\n${many}211 b\r\n`)]).error?.kind).toBe('reply-too-large');
  });

  it('names the phase it is given in its errors', () => {
    const { error } = feed([bytes('junk\n')], { phase: 'tls' });
    expect(error?.phase).toBe('tls');
  });
});

describe('ReplyReader', () => {
  it('carries state between pushes and forgets it on reset', () => {
    const reader = new ReplyReader();
    expect(reader.push(bytes('211-a\r\n b\r\n')).replies).toEqual([]);
    expect(reader.hasPending).toBe(true);
    reader.reset();
    expect(reader.hasPending).toBe(false);
    expect(reader.push(bytes('200 fresh\r\n')).replies[0]?.text).toBe('fresh');
  });
});

// A valid reply stream: single and multi-line replies with mixed line endings.
const replyText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '2', '-', 'é', '日', '"'), maxLength: 20 });
const codeArb = fc.integer({ min: 100, max: 599 });
const replyArb = fc.oneof(
  fc.record({ code: codeArb, first: replyText, inner: fc.constant<string[]>([]), eol: fc.constantFrom('\r\n', '\n') }),
  fc.record({ code: codeArb, first: replyText, inner: fc.array(replyText.map((text) => ` ${text}`), { maxLength: 4 }), eol: fc.constantFrom('\r\n', '\n') }),
);

function render(reply: { code: number; first: string; inner: string[]; eol: string }): string {
  if (reply.inner.length === 0 && !reply.first.startsWith('-')) return `${reply.code} ${reply.first}${reply.eol}`;
  return [`${reply.code}-${reply.first}`, ...reply.inner, `${reply.code} end`].map((line) => line + reply.eol).join('');
}

/** Cuts `data` at the given fractions into consecutive chunks. */
function splitAt(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * data.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, data.length]) {
    chunks.push(data.subarray(start, point));
    start = point;
  }
  return chunks;
}

describe('parseReplies properties', () => {
  it('gives the same replies for any split of a valid stream', () => {
    fc.assert(
      fc.property(fc.array(replyArb, { minLength: 1, maxLength: 8 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), (replies, cuts) => {
        const stream = bytes(replies.map(render).join(''));
        const whole = feed([stream]);
        const split = feed(splitAt(stream, cuts));
        expect(whole.error).toBeUndefined();
        expect(whole.replies).toHaveLength(replies.length);
        expect(split).toEqual(whole);
        expect(whole.replies.map((reply) => reply.code)).toEqual(replies.map((reply) => reply.code));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same replies when fed one byte at a time', () => {
    fc.assert(
      fc.property(fc.array(replyArb, { minLength: 1, maxLength: 5 }), (replies) => {
        const stream = bytes(replies.map(render).join(''));
        expect(feed([...stream].map((byte) => Uint8Array.of(byte)))).toEqual(feed([stream]));
      }),
      { numRuns: 200 },
    );
  });

  it('turns random bytes into replies or a typed error, never a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), fc.integer({ min: 1, max: 200 }), (chunks, cap) => {
        const result = feed(chunks, { limits: { maxLineBytes: cap, maxReplyBytes: cap * 2 } });
        if (result.error !== undefined) {
          expect(result.error).toBeInstanceOf(FtpError);
          expect(['protocol', 'reply-too-long', 'reply-too-large']).toContain(result.error.kind);
        }
        for (const reply of result.replies) expect(reply.code).toBeGreaterThanOrEqual(100);
      }),
      { numRuns: 1000 },
    );
  });

  it('turns random reply-like text into replies or a typed error', () => {
    const noisy = fc.string({ unit: fc.constantFrom('2', '3', '0', '-', ' ', '\r', '\n', 'x'), maxLength: 200 });
    fc.assert(
      fc.property(noisy, (text) => {
        const result = feed([bytes(text)]);
        if (result.error !== undefined) expect(result.error).toBeInstanceOf(FtpError);
      }),
      { numRuns: 1000 },
    );
  });
});
