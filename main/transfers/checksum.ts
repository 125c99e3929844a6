import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { FtpClient } from '../ftp/client';
import type { FeatureMap } from '../ftp/features';
import { FtpError } from '../ftp/errors';

/** How to ask a server for a file's digest, and which algorithm it answers with. */
export interface ChecksumCommand {
  /** `HASH` (draft-bryan-ftpext-hash) or a legacy `XSHA256`/`XSHA1`/`XCRC`-style verb. */
  readonly verb: string;
  /** Node's name for the digest: 'sha256', 'sha1', 'md5', or 'crc32'. */
  readonly algorithm: 'sha256' | 'sha1' | 'md5' | 'crc32';
}

/**
 * The best checksum the server advertises in FEAT: HASH with SHA-256 selected (the `*`
 * marks the server's current choice), then XSHA256, XSHA1, XMD5, XCRC; undefined when none.
 * Only SHA-256 under HASH is used: switching HASH's algorithm (OPTS HASH) is left out.
 */
export function checksumCommand(features: FeatureMap): ChecksumCommand | undefined {
  const hash = features.get('HASH');
  if (hash !== undefined && /(^|;)SHA-256\*/i.test(hash.replace(/\s+/g, ''))) return { verb: 'HASH', algorithm: 'sha256' };
  if (features.has('XSHA256')) return { verb: 'XSHA256', algorithm: 'sha256' };
  if (features.has('XSHA1')) return { verb: 'XSHA1', algorithm: 'sha1' };
  if (features.has('XMD5')) return { verb: 'XMD5', algorithm: 'md5' };
  if (features.has('XCRC')) return { verb: 'XCRC', algorithm: 'crc32' };
  return undefined;
}

/** The hex digest in a HASH (`213 SHA-256 0-49 <hex> <path>`) or X-verb (`250 <hex>`) reply. */
export function parseChecksumReply(text: string): string | undefined {
  const candidates = text.split(/\s+/).filter((word) => /^[0-9a-f]{8,128}$/i.test(word));
  return candidates[0]?.toLowerCase();
}

/** A local file's digest in hex (CRC-32 as 8 hex digits). */
export async function localChecksum(file: string, algorithm: ChecksumCommand['algorithm']): Promise<string> {
  if (algorithm === 'crc32') {
    let crc = 0;
    for await (const chunk of createReadStream(file)) crc = crc32(chunk as Buffer, crc);
    return crc.toString(16).padStart(8, '0');
  }
  const hash = createHash(algorithm);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Compares a local file with the server's digest of `remotePath`; resolves false when the server offers none. */
export async function verifyChecksum(client: FtpClient, localPath: string, remotePath: string): Promise<boolean> {
  const command = checksumCommand(client.features);
  if (command === undefined) return false;
  const reply = await client.raw(`${command.verb} ${remotePath}`);
  // A refusal (e.g. 502, or 550 for a busy file) leaves the size check as the only check.
  if (reply.code < 200 || reply.code >= 300) return false;
  const remote = parseChecksumReply(reply.text.replace(remotePath, ''));
  if (remote === undefined) return false;
  const local = await localChecksum(localPath, command.algorithm);
  if (local !== remote.padStart(local.length, '0')) {
    throw new FtpError('verify-failed', `${remotePath}: the ${command.algorithm} checksums differ (server ${remote}, local ${local})`, 'data');
  }
  return true;
}
