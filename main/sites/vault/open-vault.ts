import path from 'node:path';
import type { CorruptFileReport } from '../versioned-file';
import { NoVault, type CredentialVault } from './credential-vault';
import { MasterPasswordVault } from './master-password-vault';
import { OsVault, type SafeStorageLike } from './os-vault';

/** How a shell wants its secrets kept. */
export interface VaultOptions {
  readonly dataDir: string;
  /** Electron's safeStorage (adapted); absent in the web shell and the CLI. */
  readonly safeStorage?: SafeStorageLike;
  /** False: no master-password vault either, so every secret is asked (`none`). Default true. */
  readonly allowMasterPassword?: boolean;
  readonly onCorruptFile?: (report: CorruptFileReport) => void;
}

/** The master-password vault's file in a data directory. */
export const vaultFileName = 'vault.json';
/** The OS vault's file (safeStorage ciphertexts) in a data directory. */
export const osVaultFileName = 'os-vault.json';

/**
 * Picks the vault for this shell (security rule 20): the OS one when safeStorage really
 * encrypts, else the master-password vault, else none (every secret asked).
 */
export async function openCredentialVault(options: VaultOptions): Promise<CredentialVault> {
  const { dataDir, safeStorage, onCorruptFile } = options;
  const corrupt = onCorruptFile ? { onCorruptFile } : {};
  if (safeStorage) {
    const os = await OsVault.open(safeStorage, path.join(dataDir, osVaultFileName), corrupt);
    if (os) return os;
  }
  if (options.allowMasterPassword === false) return new NoVault();
  return MasterPasswordVault.open(path.join(dataDir, vaultFileName), corrupt);
}
