import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt parameters, stored with the vault so a later Sluice can raise them for new vaults. */
export interface ScryptParameters {
  readonly name: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** 16 random bytes, base64. */
  readonly salt: string;
}

/** 2^15 with r=8 costs 32 MiB and ~0.1 s per guess: OWASP's floor for scrypt. */
const defaultCost = 2 ** 15;
const maxCost = 2 ** 20;

export const scryptParametersSchema = z.strictObject({
  name: z.literal('scrypt'),
  // A file may not lower the cost below our floor: a weaker vault would be a silent downgrade.
  N: z.number().int().min(defaultCost).max(maxCost).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(8).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'The salt must be 16 bytes'),
});

/** Fresh parameters with a random salt, for a new vault. */
export function newScryptParameters(): ScryptParameters {
  return { name: 'scrypt', N: defaultCost, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
}

/** Derives the 32-byte AES key from the master password. */
export function deriveMasterKey(masterPassword: string, parameters: ScryptParameters): Promise<Buffer> {
  const { N, r, p } = parameters;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly 2^15·8·128, so raise it.
  const maxmem = 256 * N * r * p;
  return new Promise((resolve, reject) => {
    scrypt(masterPassword.normalize('NFC'), Buffer.from(parameters.salt, 'base64'), 32, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
