import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumCommand, localChecksum, parseChecksumReply } from '../../../main/transfers/checksum';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

describe('checksums', () => {
  it('picks HASH with SHA-256 selected, then the X verbs', () => {
    expect(checksumCommand(new Map([['HASH', 'SHA-1;SHA-256*;MD5']]))).toEqual({ verb: 'HASH', algorithm: 'sha256' });
    expect(checksumCommand(new Map([['HASH', 'SHA-1*;SHA-256'], ['XSHA256', '']]))).toEqual({ verb: 'XSHA256', algorithm: 'sha256' });
    expect(checksumCommand(new Map([['XCRC', '']]))).toEqual({ verb: 'XCRC', algorithm: 'crc32' });
    expect(checksumCommand(new Map())).toBeUndefined();
  });

  it('reads the digest of a HASH or X-verb reply', () => {
    const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(parseChecksumReply(`SHA-256 0-0 ${hex.toUpperCase()}`)).toBe(hex);
    expect(parseChecksumReply(hex)).toBe(hex);
    expect(parseChecksumReply('File not found')).toBeUndefined();
  });

  it('hashes a local file', async () => {
    temp = makeTempDir();
    const file = path.join(temp.path, 'f');
    writeFileSync(file, 'hello');
    expect(await localChecksum(file, 'sha256')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(await localChecksum(file, 'crc32')).toBe('3610a686');
  });
});
