import { safeStorage } from 'electron';
import type { SafeStorageLike } from '../../main/sites/vault/os-vault';

/**
 * Electron's safeStorage in the shape main/'s OS vault takes. Only valid after the app's
 * `ready` event: before it, Linux reports no backend and the vault falls back.
 */
export const electronSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  // The backend question exists only on Linux; elsewhere the OS keychain always backs it.
  ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
  encryptString: (plainText) => safeStorage.encryptString(plainText),
  decryptString: (encrypted) => safeStorage.decryptString(encrypted),
};
