import { describe, expect, it } from 'vitest';
import { loadCharset, normalizeCharsetName, UTF8_CHARSET } from '../../../main/ftp/charset';
import { parseFeatures } from '../../../main/ftp/features';

const reply = (lines: string[]): { code: number; lines: string[]; text: string } => ({
  code: 211,
  lines,
  text: lines.map((line, index) => (index === 0 || index === lines.length - 1 ? line.slice(4) : line)).join('\n'),
});

describe('parseFeatures', () => {
  it('maps RFC 2389 feature lines to upper-case names and their parameters', () => {
    const features = parseFeatures(reply(['211-Features:', ' MDTM', ' REST STREAM', ' mlst type*;size*;', ' UTF8', '211 End']));
    expect([...features]).toEqual([['MDTM', ''], ['REST', 'STREAM'], ['MLST', 'type*;size*;'], ['UTF8', '']]);
  });

  it('treats a refusal or an empty list as no features', () => {
    expect(parseFeatures({ code: 500, lines: ['500 no'], text: 'no' }).size).toBe(0);
    expect(parseFeatures({ code: 211, lines: ['211 No features'], text: 'No features' }).size).toBe(0);
  });
});

describe('charsets', () => {
  it('knows the usual names of each charset', () => {
    expect(normalizeCharsetName('EUC-KR')).toBe('cp949');
    expect(normalizeCharsetName('Windows-1252')).toBe('cp1252');
    expect(normalizeCharsetName('ISO-8859-1')).toBe('latin1');
    expect(normalizeCharsetName('Shift_JIS')).toBe('shift_jis');
    expect(normalizeCharsetName('klingon')).toBeUndefined();
  });

  it('round-trips names in each legacy charset', async () => {
    const samples: Record<string, string> = { latin1: 'café ÿ', cp1252: 'naïve €', cp949: '갂가 한국', shift_jis: 'あ日本ｱ' };
    for (const [name, text] of Object.entries(samples)) {
      const charset = await loadCharset(normalizeCharsetName(name) ?? 'utf-8');
      expect(charset.decode(charset.encode(text))).toBe(text);
    }
    // CP949's extension beyond EUC-KR (Node's own decoder lacks it).
    expect((await loadCharset('cp949')).encode('갂')).toEqual(Buffer.of(0x81, 0x41));
    expect((await loadCharset('shift_jis')).encode('あ')).toEqual(Buffer.of(0x82, 0xa0));
  });

  it('refuses names a charset cannot hold instead of sending a different name', async () => {
    const latin1 = await loadCharset('latin1');
    const shiftJis = await loadCharset('shift_jis');
    expect(() => latin1.encode('€')).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => shiftJis.encode('한')).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => UTF8_CHARSET.encode('bad \ud800 surrogate')).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
  });
});
