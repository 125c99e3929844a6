import { z } from 'zod';
import { SluiceError } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/services/sites';
import { OperationLock } from '../../operation-lock';
import { writeFileAtomic } from '../../persist/atomic-file';
import { loadVersionedFile, type CorruptFileReport } from '../versioned-file';
import { secretUnavailableError, vaultLockedError, type CredentialVault } from './credential-vault';
import { deriveMasterKey, newScryptParameters, scryptParametersSchema, type ScryptParameters } from './master-key';
import { seal, sealedSchema, unseal, type Sealed } from './sealed-box';

const formatVersion = 1;

const vaultFileSchema = z.strictObject({
  version: z.literal(formatVersion),
  kdf: scryptParametersSchema,
  verifier: sealedSchema,
  entries: z.record(z.string().min(1).max(512), sealedSchema),
});

/** A known plaintext: if it decrypts, the master password was right. */
const verifierText = 'sluice master-password vault';
// Domain-separated AAD: the verifier and each entry are bound to their own name, so a
// ciphertext moved to another entry (or over the verifier) fails authentication.
const verifierAad = 'sluice-vault/verifier';
const entryAad = (key: string) => `sluice-vault/entry/${key}`;

interface VaultState {
  readonly kdf: ScryptParameters;
  readonly verifier: Sealed;
  readonly entries: Map<string, Sealed>;
}

/** Options for opening a master-password vault. */
export interface MasterPasswordVaultOptions {
  /** Told when a damaged vault file was moved aside (its secrets are then lost). */
  readonly onCorruptFile?: (report: CorruptFileReport) => void;
}

/**
 * Secrets encrypted with AES-256-GCM under a key derived from a master password with
 * scrypt (security rule 20), kept in `vault.json`. Locked until unlocked; the key lives in
 * memory only between unlock() and lock(). The file is re-read by every operation, so a
 * second process on the same data folder (web shell and CLI) never has its entries undone.
 */
export class MasterPasswordVault implements CredentialVault {
  private key: Buffer | undefined;
  private state: VaultState | undefined;
  private readonly serial = new OperationLock();

  private constructor(
    private readonly file: string,
    private readonly options: MasterPasswordVaultOptions,
  ) {}

  /** Reads `file` (absent: a vault not created yet); throws `unsupported-version` for a newer format. */
  static async open(file: string, options: MasterPasswordVaultOptions = {}): Promise<MasterPasswordVault> {
    const vault = new MasterPasswordVault(file, options);
    await vault.refresh();
    return vault;
  }

  status(): VaultStatus {
    return { kind: 'master-password', locked: this.key === undefined, initialized: this.state !== undefined };
  }

  unlock(masterPassword: string): Promise<VaultStatus> {
    return this.serial.run(async () => {
      if (masterPassword.length === 0) throw new SluiceError('invalid-argument', 'The master password is empty.');
      const state = await this.refresh();
      if (state === undefined) {
        await this.create(masterPassword);
        return this.status();
      }
      const candidate = await deriveMasterKey(masterPassword, state.kdf);
      if (unseal(candidate, state.verifier, verifierAad) !== verifierText) {
        candidate.fill(0);
        throw new SluiceError('wrong-master-password', 'The master password is not right.');
      }
      this.replaceKey(candidate);
      return this.status();
    });
  }

  /** Forgets the key: secrets stay on disk but cannot be read until the next unlock. */
  lock(): void {
    this.replaceKey(undefined);
  }

  get(key: string): Promise<string | undefined> {
    return this.serial.run(async () => {
      const sealed = (await this.refresh())?.entries.get(key);
      // No entry means no secret, and saying so needs no key.
      if (sealed === undefined) return undefined;
      const plaintext = unseal(this.unlockedKey(), sealed, entryAad(key));
      if (plaintext === undefined) throw secretUnavailableError(key, 'it failed its integrity check');
      return plaintext;
    });
  }

  has(key: string): Promise<boolean> {
    return this.serial.run(async () => (await this.refresh())?.entries.has(key) ?? false);
  }

  set(key: string, value: string): Promise<void> {
    return this.serial.run(async () => {
      const state = await this.refresh();
      const masterKey = this.unlockedKey();
      state!.entries.set(key, seal(masterKey, value, entryAad(key)));
      await this.persist(state!);
    });
  }

  delete(key: string): Promise<void> {
    return this.serial.run(async () => {
      const state = await this.refresh();
      if (state?.entries.delete(key)) await this.persist(state);
    });
  }

  /** Re-reads the file; if another process replaced the vault itself, our key no longer fits it. */
  private async refresh(): Promise<VaultState | undefined> {
    const loaded = await loadVersionedFile(this.file, formatVersion, 'The password vault', vaultFileSchema, this.options.onCorruptFile);
    const next = loaded && { kdf: loaded.kdf, verifier: loaded.verifier, entries: new Map(Object.entries(loaded.entries)) };
    const sameVault = next !== undefined && this.state !== undefined && next.kdf.salt === this.state.kdf.salt && next.verifier.data === this.state.verifier.data;
    if (!sameVault) this.lock();
    this.state = next;
    return next;
  }

  private async create(masterPassword: string): Promise<void> {
    const kdf = newScryptParameters();
    const key = await deriveMasterKey(masterPassword, kdf);
    const state: VaultState = { kdf, verifier: seal(key, verifierText, verifierAad), entries: new Map() };
    await this.persist(state);
    this.state = state;
    this.replaceKey(key);
  }

  private unlockedKey(): Buffer {
    if (this.key === undefined) throw vaultLockedError();
    return this.key;
  }

  private replaceKey(next: Buffer | undefined): void {
    // Overwrite the old key's bytes so it does not linger in the heap until collected.
    this.key?.fill(0);
    this.key = next;
  }

  private persist(state: VaultState): Promise<void> {
    const body = { version: formatVersion, kdf: state.kdf, verifier: state.verifier, entries: Object.fromEntries(state.entries) };
    return writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}
