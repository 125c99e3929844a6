import type { VaultStatus } from '../../../shared/services/sites';
import { SluiceError } from '../../../shared/errors';

/**
 * Where passwords and key passphrases live (security rule 20): never in the sites file,
 * only behind one of these. Keys are names such as `site:<id>:password`.
 */
export interface CredentialVault {
  status(): VaultStatus;
  /** Creates (first time) or unlocks a master-password vault; other vaults just report their status. */
  unlock(masterPassword: string): Promise<VaultStatus>;
  /** The secret under `key`, or undefined when none is stored. */
  get(key: string): Promise<string | undefined>;
  /** Whether a secret is stored under `key`; works on a locked vault, since it reads no secret. */
  has(key: string): Promise<boolean>;
  set(key: string, value: string): Promise<void>;
  /** Forgets `key`; works on a locked vault, since forgetting needs no key. */
  delete(key: string): Promise<void>;
}

/** The secrets a site can have. */
export type SiteSecretName = 'password' | 'passphrase';

/** The vault key of one secret of one site. */
export function siteSecretKey(siteId: string, name: SiteSecretName): string {
  return `site:${siteId}:${name}`;
}

/** The error for a vault that must be unlocked first. */
export function vaultLockedError(): SluiceError {
  return new SluiceError('vault-locked', 'The password vault is locked: enter the master password to save or use saved passwords.');
}

/** The error for a secret that is stored but cannot be read back (tampered file, changed OS keyring). */
export function secretUnavailableError(key: string, why: string): SluiceError {
  return new SluiceError('secret-unavailable', `The saved secret ${key} cannot be read (${why}); enter it again.`);
}

/** The error for a secret to save where no vault can hold it. */
export function noSecureStorageError(): SluiceError {
  return new SluiceError('secret-unavailable', 'No secure storage is available to save a password; choose "ask every time" for this site.');
}

/**
 * The `none` vault: no secure storage in this shell, so every password is asked at each
 * connection. Reading finds nothing; storing is refused rather than silently dropped.
 */
export class NoVault implements CredentialVault {
  status(): VaultStatus {
    return { kind: 'none', locked: false, initialized: true };
  }

  async unlock(): Promise<VaultStatus> {
    return this.status();
  }

  async get(_key: string): Promise<string | undefined> {
    return undefined;
  }

  async has(_key: string): Promise<boolean> {
    return false;
  }

  async set(_key: string, _value: string): Promise<void> {
    throw noSecureStorageError();
  }

  async delete(_key: string): Promise<void> {}
}
