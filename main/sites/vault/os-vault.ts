import { z } from 'zod';
import type { VaultStatus } from '../../../shared/services/sites';
import { OperationLock } from '../../operation-lock';
import { writeFileAtomic } from '../../persist/atomic-file';
import { loadVersionedFile, type CorruptFileReport } from '../versioned-file';
import { secretUnavailableError, type CredentialVault } from './credential-vault';

/** The part of Electron's `safeStorage` the OS vault uses; the Electron shell injects the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store backs the encryption. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * True when the OS really protects what safeStorage encrypts. On Linux without a keyring
 * Electron falls back to `basic_text`, a hard-coded key anyone can read: that is no vault
 * at all (security rule 20). `unknown` means the backend is not chosen yet (app not ready).
 */
export function isOsEncryptionUsable(storage: SafeStorageLike): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  const backend = storage.getSelectedStorageBackend?.();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** Options for opening the OS vault. */
export interface OsVaultOptions {
  /** Told when a damaged vault file was moved aside (its secrets are then lost). */
  readonly onCorruptFile?: (report: CorruptFileReport) => void;
}

const formatVersion = 1;
const osVaultFileSchema = z.strictObject({
  version: z.literal(formatVersion),
  entries: z.record(z.string().min(1).max(512), z.string().max(1 << 20).regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});

/**
 * Secrets encrypted by the operating system (Keychain, DPAPI, libsecret/kwallet through
 * Electron's safeStorage), kept as base64 in a file of ours. Never locked. Re-read by every
 * operation, like the master-password vault, so two processes never undo each other.
 */
export class OsVault implements CredentialVault {
  private readonly serial = new OperationLock();

  private constructor(
    private readonly storage: SafeStorageLike,
    private readonly file: string,
    private readonly options: OsVaultOptions,
  ) {}

  /** Opens the vault file; undefined when the OS offers no real encryption (use the master-password vault). */
  static async open(storage: SafeStorageLike, file: string, options: OsVaultOptions = {}): Promise<OsVault | undefined> {
    if (!isOsEncryptionUsable(storage)) return undefined;
    const vault = new OsVault(storage, file, options);
    // Read once now, so a newer-format file is refused when the shell starts.
    await vault.entries();
    return vault;
  }

  status(): VaultStatus {
    return { kind: 'os', locked: false, initialized: true };
  }

  async unlock(): Promise<VaultStatus> {
    return this.status();
  }

  get(key: string): Promise<string | undefined> {
    return this.serial.run(async () => {
      const stored = (await this.entries()).get(key);
      return stored === undefined ? undefined : this.decrypt(key, stored);
    });
  }

  has(key: string): Promise<boolean> {
    return this.serial.run(async () => (await this.entries()).has(key));
  }

  set(key: string, value: string): Promise<void> {
    return this.serial.run(async () => {
      const entries = await this.entries();
      entries.set(key, this.storage.encryptString(JSON.stringify([key, value])).toString('base64'));
      await this.persist(entries);
    });
  }

  delete(key: string): Promise<void> {
    return this.serial.run(async () => {
      const entries = await this.entries();
      if (entries.delete(key)) await this.persist(entries);
    });
  }

  private decrypt(key: string, stored: string): string {
    let opened: unknown;
    try {
      opened = JSON.parse(this.storage.decryptString(Buffer.from(stored, 'base64')));
    } catch {
      throw secretUnavailableError(key, 'the system keyring could not decrypt it');
    }
    // safeStorage takes no associated data, so the key name travels inside the ciphertext:
    // a value copied to another entry is refused, as AAD does in the master-password vault.
    if (!Array.isArray(opened) || opened[0] !== key || typeof opened[1] !== 'string') throw secretUnavailableError(key, 'it belongs to another entry');
    return opened[1];
  }

  private async entries(): Promise<Map<string, string>> {
    const loaded = await loadVersionedFile(this.file, formatVersion, 'The OS password vault', osVaultFileSchema, this.options.onCorruptFile);
    return new Map(Object.entries(loaded?.entries ?? {}));
  }

  private persist(entries: Map<string, string>): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify({ version: formatVersion, entries: Object.fromEntries(entries) }, null, 2)}\n`);
  }
}
