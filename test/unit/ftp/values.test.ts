import { describe, expect, it } from 'vitest';
import { assertChmodMode, formatMfmt, parseMdtm, parsePathReply, parseSize } from '../../../main/ftp/values';

describe('reply values', () => {
  it('reads the path of a 257 reply, undoing doubled quotes', () => {
    expect(parsePathReply('"/home/bob" is the current directory')).toBe('/home/bob');
    expect(parsePathReply('"/a ""quoted"" dir" created')).toBe('/a "quoted" dir');
    expect(parsePathReply('no quotes here')).toBeUndefined();
    expect(parsePathReply('"/unterminated')).toBeUndefined();
  });

  it('reads MDTM times as UTC, with optional fractions', () => {
    expect(parseMdtm('20240229235958')?.toISOString()).toBe('2024-02-29T23:59:58.000Z');
    expect(parseMdtm('19700101000000.5')?.getTime()).toBe(500);
    expect(parseMdtm('20240101120000.123456')?.getTime()).toBe(Date.UTC(2024, 0, 1, 12, 0, 0, 123));
    expect(parseMdtm('20241301000000')).toBeUndefined();
    expect(parseMdtm('2024')).toBeUndefined();
  });

  it('formats MFMT times in UTC, whole seconds', () => {
    expect(formatMfmt(new Date(Date.UTC(2023, 6, 4, 5, 6, 7, 890)))).toBe('20230704050607');
    expect(() => formatMfmt(new Date(Number.NaN))).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
  });

  it('reads sizes only when they are safe whole numbers', () => {
    expect(parseSize(' 1234 ')).toBe(1234);
    expect(parseSize('12a')).toBeUndefined();
    expect(parseSize('99999999999999999999')).toBeUndefined();
  });

  it('accepts only octal modes for SITE CHMOD', () => {
    expect(() => assertChmodMode('0755')).not.toThrow();
    expect(() => assertChmodMode('644')).not.toThrow();
    expect(() => assertChmodMode('888')).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => assertChmodMode('755 x')).toThrow();
  });
});
