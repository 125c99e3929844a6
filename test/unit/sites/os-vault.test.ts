import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoVault } from '../../../main/sites/vault/credential-vault';
import { openCredentialVault } from '../../../main/sites/vault/open-vault';
import { isOsEncryptionUsable, OsVault, type SafeStorageLike } from '../../../main/sites/vault/os-vault';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

/** Electron's safeStorage as a test double: a reversible scramble that is not the plaintext. */
function fakeSafeStorage(backend?: string, available = true): SafeStorageLike & { keyringChanged: boolean } {
  const storage = {
    keyringChanged: false,
    isEncryptionAvailable: () => available,
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
    encryptString: (text: string) => Buffer.from(`os1:${Buffer.from(text).reverse().toString('hex')}`),
    decryptString: (encrypted: Buffer) => {
      const text = encrypted.toString();
      if (storage.keyringChanged || !text.startsWith('os1:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'hex').reverse().toString();
    },
  };
  return storage;
}

const secret = 'os-vault-secret-value';

describe('the OS vault (Electron safeStorage)', () => {
  it('round-trips secrets through its file, encrypted by the OS', async () => {
    temp = makeTempDir();
    const file = path.join(temp.path, 'os-vault.json');
    const storage = fakeSafeStorage('gnome_libsecret');
    const vault = (await OsVault.open(storage, file))!;
    expect(vault.status()).toEqual({ kind: 'os', locked: false, initialized: true });
    await vault.set('site:a:password', secret);
    await vault.set('site:b:password', 'other');
    await vault.delete('site:b:password');
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    const reopened = (await OsVault.open(storage, file))!;
    expect(await reopened.get('site:a:password')).toBe(secret);
    expect(await reopened.get('site:b:password')).toBeUndefined();
    expect([await reopened.has('site:a:password'), await reopened.has('site:b:password')]).toEqual([true, false]);
  });

  it('treats the basic_text backend (Linux without a keyring) as unavailable, and falls back to the master-password vault', async () => {
    temp = makeTempDir();
    expect(isOsEncryptionUsable(fakeSafeStorage('basic_text'))).toBe(false);
    expect(isOsEncryptionUsable(fakeSafeStorage('unknown'))).toBe(false);
    expect(isOsEncryptionUsable(fakeSafeStorage('kwallet5'))).toBe(true);
    // macOS and Windows have no backend question: the keychain or DPAPI always backs it.
    expect(isOsEncryptionUsable(fakeSafeStorage())).toBe(true);
    expect(isOsEncryptionUsable(fakeSafeStorage('gnome_libsecret', false))).toBe(false);
    expect(await OsVault.open(fakeSafeStorage('basic_text'), path.join(temp.path, 'os-vault.json'))).toBeUndefined();

    const fallback = await openCredentialVault({ dataDir: temp.path, safeStorage: fakeSafeStorage('basic_text') });
    expect(fallback.status()).toEqual({ kind: 'master-password', locked: true, initialized: false });
    const usable = await openCredentialVault({ dataDir: temp.path, safeStorage: fakeSafeStorage('kwallet6') });
    expect(usable.status().kind).toBe('os');
    const none = await openCredentialVault({ dataDir: temp.path, safeStorage: fakeSafeStorage('basic_text'), allowMasterPassword: false });
    expect(none.status()).toEqual({ kind: 'none', locked: false, initialized: true });
  });

  it('refuses a ciphertext moved to another entry, and one the keyring can no longer decrypt', async () => {
    temp = makeTempDir();
    const file = path.join(temp.path, 'os-vault.json');
    const storage = fakeSafeStorage('gnome_libsecret');
    const vault = (await OsVault.open(storage, file))!;
    await vault.set('site:victim:password', secret);
    await vault.set('site:attacker:password', 'mine');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string> };
    json.entries['site:attacker:password'] = json.entries['site:victim:password']!;
    writeFileSync(file, JSON.stringify({ version: 1, entries: json.entries }));
    const reopened = (await OsVault.open(storage, file))!;
    await expect(reopened.get('site:attacker:password')).rejects.toMatchObject({ kind: 'secret-unavailable' });
    storage.keyringChanged = true;
    await expect(reopened.get('site:victim:password')).rejects.toMatchObject({ kind: 'secret-unavailable' });
  });

  it('the none vault reads nothing and refuses to store', async () => {
    const vault = new NoVault();
    expect(await vault.get('k')).toBeUndefined();
    await expect(vault.set('k', 'v')).rejects.toMatchObject({ kind: 'secret-unavailable' });
  });
});
