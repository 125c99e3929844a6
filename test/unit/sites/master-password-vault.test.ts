import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MasterPasswordVault } from '../../../main/sites/vault/master-password-vault';
import type { CorruptFileReport } from '../../../main/sites/versioned-file';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

const master = 'correct horse battery staple';
const secret = 'pa55-w0rd-that-must-not-leak';

async function freshVault(): Promise<{ file: string; vault: MasterPasswordVault }> {
  temp = makeTempDir();
  const file = path.join(temp.path, 'vault.json');
  const vault = await MasterPasswordVault.open(file);
  return { file, vault };
}

type VaultJson = { version: number; kdf: { N: number; salt: string }; verifier: Record<string, string>; entries: Record<string, { iv: string; tag: string; data: string }> };
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as VaultJson;

describe('the master-password vault', () => {
  it('round-trips secrets through the file: a fresh instance reads what another wrote', async () => {
    const { file, vault } = await freshVault();
    expect(vault.status()).toEqual({ kind: 'master-password', locked: true, initialized: false });
    expect(await vault.unlock(master)).toEqual({ kind: 'master-password', locked: false, initialized: true });
    await vault.set('site:a:password', secret);
    await vault.set('site:b:password', 'ünïcødé ☃');
    await vault.delete('site:b:password');

    const reopened = await MasterPasswordVault.open(file);
    expect(reopened.status()).toEqual({ kind: 'master-password', locked: true, initialized: true });
    await expect(reopened.get('site:a:password')).rejects.toMatchObject({ kind: 'vault-locked' });
    await reopened.unlock(master);
    expect(await reopened.get('site:a:password')).toBe(secret);
    expect(await reopened.get('site:b:password')).toBeUndefined();
  });

  it('stores scrypt parameters, a random salt, a fresh IV per secret, and no plaintext', async () => {
    const { file, vault } = await freshVault();
    await vault.unlock(master);
    await vault.set('one', secret);
    await vault.set('two', secret);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    expect(text).not.toContain(master);
    const json = readJson(file);
    expect(json.kdf.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(json.kdf.salt, 'base64')).toHaveLength(16);
    expect(json.entries.one!.iv).not.toBe(json.entries.two!.iv);
    expect(Buffer.from(json.entries.one!.iv, 'base64')).toHaveLength(12);
  });

  it('refuses a wrong master password with a typed error, and reads nothing', async () => {
    const { file, vault } = await freshVault();
    await vault.unlock(master);
    await vault.set('site:a:password', secret);
    const other = await MasterPasswordVault.open(file);
    await expect(other.unlock('Correct horse battery staple')).rejects.toMatchObject({ kind: 'wrong-master-password' });
    expect(other.status().locked).toBe(true);
    await expect(other.get('site:a:password')).rejects.toMatchObject({ kind: 'vault-locked' });
    await expect(other.set('site:a:password', 'x')).rejects.toMatchObject({ kind: 'vault-locked' });
  });

  it('lock() zeroes and forgets the key: secrets stay on disk but need the master password again', async () => {
    const { vault } = await freshVault();
    await vault.unlock(master);
    await vault.set('k', secret);
    const key = (vault as unknown as { key: Buffer }).key;
    vault.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(vault.status().locked).toBe(true);
    await expect(vault.get('k')).rejects.toMatchObject({ kind: 'vault-locked' });
    // Forgetting needs no key, and an absent entry is absent even when locked.
    expect(await vault.get('never-set')).toBeUndefined();
    await vault.delete('k');
    await vault.unlock(master);
    expect(await vault.get('k')).toBeUndefined();
  });

  it('binds each ciphertext to its entry name (AAD): a swapped entry fails, it does not read as the other secret', async () => {
    const { file, vault } = await freshVault();
    await vault.unlock(master);
    await vault.set('site:victim:password', 'victim-secret');
    await vault.set('site:attacker:password', 'attacker-secret');
    const json = readJson(file);
    json.entries['site:attacker:password'] = json.entries['site:victim:password']!;
    writeFileSync(file, JSON.stringify(json));
    const reopened = await MasterPasswordVault.open(file);
    await reopened.unlock(master);
    await expect(reopened.get('site:attacker:password')).rejects.toMatchObject({ kind: 'secret-unavailable' });
    expect(await reopened.get('site:victim:password')).toBe('victim-secret');
  });

  it('detects a tampered ciphertext or tag with a typed error', async () => {
    const { file, vault } = await freshVault();
    await vault.unlock(master);
    await vault.set('data', secret);
    await vault.set('tag', secret);
    const json = readJson(file);
    const data = Buffer.from(json.entries.data!.data, 'base64');
    data[0]! ^= 1;
    json.entries.data!.data = data.toString('base64');
    const tag = Buffer.from(json.entries.tag!.tag, 'base64');
    tag[15]! ^= 0x80;
    json.entries.tag!.tag = tag.toString('base64');
    writeFileSync(file, JSON.stringify(json));
    const reopened = await MasterPasswordVault.open(file);
    await reopened.unlock(master);
    await expect(reopened.get('data')).rejects.toMatchObject({ kind: 'secret-unavailable' });
    await expect(reopened.get('tag')).rejects.toMatchObject({ kind: 'secret-unavailable' });
  });

  it('refuses a vault file from a newer Sluice and leaves it untouched', async () => {
    const { file } = await freshVault();
    const future = JSON.stringify({ version: 2, whatever: true });
    writeFileSync(file, future);
    await expect(MasterPasswordVault.open(file)).rejects.toMatchObject({ kind: 'unsupported-version' });
    expect(readFileSync(file, 'utf8')).toBe(future);
  });

  it('moves a damaged vault file aside and reports it, or one whose scrypt cost was lowered', async () => {
    for (const damaged of ['{"version":1,"kdf":', JSON.stringify({ version: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' }, verifier: { iv: '', tag: '', data: '' }, entries: {} })]) {
      const { file } = await freshVault();
      writeFileSync(file, damaged);
      const reports: CorruptFileReport[] = [];
      const vault = await MasterPasswordVault.open(file, { onCorruptFile: (report) => reports.push(report) });
      expect(vault.status()).toEqual({ kind: 'master-password', locked: true, initialized: false });
      expect(reports).toHaveLength(1);
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(reports[0]!.movedTo, 'utf8')).toBe(damaged);
      expect(readdirSync(temp.path)).toEqual([path.basename(reports[0]!.movedTo)]);
      temp.remove();
    }
  });
});
