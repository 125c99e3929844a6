import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** One AES-256-GCM ciphertext as stored: every part base64. */
export interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

const base64 = z.string().max(1 << 20).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64');
export const sealedSchema = z.strictObject({ iv: base64, tag: base64, data: base64 });

/** Encrypts `plaintext` under a 32-byte key with a fresh random 12-byte IV; `aad` binds it to its place. */
export function seal(key: Buffer, plaintext: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/**
 * Decrypts and authenticates; undefined when the key, the AAD or any byte is wrong. GCM
 * cannot tell those apart, and the callers turn each into their own typed error.
 */
export function unseal(key: Buffer, sealed: Sealed, aad: string): string | undefined {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  // A short tag would let a forger guess it: accept only the full 16 bytes.
  if (iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
