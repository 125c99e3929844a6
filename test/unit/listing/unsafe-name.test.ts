import { describe, expect, it } from 'vitest';
import { unsafeNameReason } from '../../../main/ftp/listing';

describe('unsafeNameReason (security rule 16)', () => {
  it.each([
    ['', 'empty'],
    ['.', 'folder'],
    ['..', 'folder'],
    ['a/b', '"/"'],
    ['../etc/passwd', '"/"'],
    ['a\\b', '"\\"'],
    ['a\0b', 'NUL'],
    ['bell\x07', 'control'],
    ['tab\there', 'control'],
    ['del\x7f', 'control'],
    ['a:b', '":"'],
    ['C:', '":"'],
    ['file.txt:stream', '":"'],
    ['name.', 'ending in a dot'],
    ['name ', 'ending in a dot or a space'],
    ['CON', 'device name'],
    ['con', 'device name'],
    ['CON.txt', 'device name'],
    ['nul.tar.gz', 'device name'],
    ['Com1', 'device name'],
    ['LPT9.log', 'device name'],
    ['AUX .txt', 'device name'],
    ['what?', '"?"'],
    ['star*', '"*"'],
    ['pipe|', '"|"'],
    ['<tag>', '"<"'],
    ['say "hi"', '"""'],
  ])('flags %j (%s)', (name, reason) => {
    expect(unsafeNameReason(name)).toContain(reason);
  });

  it.each(['report.pdf', ' leading space', '...x', '.hidden', 'CONSOLE', 'COM10', 'LPT', 'con-fig', 'naïve ü 日本語', 'a;b=c', 'x'.repeat(300)])(
    'accepts %j',
    (name) => {
      expect(unsafeNameReason(name)).toBeUndefined();
    },
  );

  it('flags a name for exactly the characters a local name cannot hold, checking every UTF-16 code unit', () => {
    const refused = new Set([0x22, 0x2a, 0x2f, 0x3a, 0x3c, 0x3e, 0x3f, 0x5c, 0x7c, 0x7f]);
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const flagged = unsafeNameReason(`a${String.fromCharCode(code)}b`) !== undefined;
      if (flagged !== (code < 0x20 || refused.has(code))) wrong.push(`U+${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});
