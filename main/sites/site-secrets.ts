import type { SiteProfile, SiteSecrets, StoredSecrets } from '../../shared/services/sites';
import { noSecureStorageError, siteSecretKey, vaultLockedError, type CredentialVault, type SiteSecretName } from './vault/credential-vault';

/** One change to the vault a save makes: a value to store, or `null` to forget. */
export interface SecretChange {
  readonly key: string;
  readonly value: string | null;
}

const secretNames: readonly SiteSecretName[] = ['password', 'passphrase'];

/** Whether a site keeps this secret in the vault at all ('ask' and 'none' never do). */
export function keepsSecret(site: SiteProfile, name: SiteSecretName): boolean {
  return name === 'password' ? site.passwordMode === 'saved' : site.clientCertificate?.passphraseMode === 'saved';
}

/**
 * What saving `site` with `secrets` does to the vault: a secret the site no longer keeps
 * (switched to 'ask', certificate removed) is forgotten; `null` forgets; absent leaves as is.
 */
export function planSecretChanges(site: SiteProfile, secrets: SiteSecrets = {}): SecretChange[] {
  return secretNames.flatMap((name): SecretChange[] => {
    const key = siteSecretKey(site.id, name);
    if (!keepsSecret(site, name)) return [{ key, value: null }];
    const given = secrets[name];
    return given === undefined ? [] : [{ key, value: given }];
  });
}

/**
 * Refuses up front, before anything is written, a change the vault cannot take — so a
 * save is all or nothing from the user's point of view.
 */
export function assertVaultCanApply(vault: CredentialVault, changes: readonly SecretChange[]): void {
  if (!changes.some((change) => change.value !== null)) return;
  const status = vault.status();
  if (status.kind === 'none') throw noSecureStorageError();
  if (status.locked) throw vaultLockedError();
}

/** Applies the changes in order. */
export async function applySecretChanges(vault: CredentialVault, changes: readonly SecretChange[]): Promise<void> {
  for (const { key, value } of changes) {
    if (value === null) await vault.delete(key);
    else await vault.set(key, value);
  }
}

/** The stored secrets of `from`, re-keyed for the site `toId` (reading them needs an unlocked vault). */
export async function copySecrets(vault: CredentialVault, from: SiteProfile, toId: string): Promise<SecretChange[]> {
  const changes: SecretChange[] = [];
  for (const name of secretNames) {
    if (!keepsSecret(from, name)) continue;
    const value = await vault.get(siteSecretKey(from.id, name));
    if (value !== undefined) changes.push({ key: siteSecretKey(toId, name), value });
  }
  return changes;
}

/** Which secrets the vault holds for `site`: only those the site keeps (a leftover of an older setting does not count). */
export async function storedSecretsOf(vault: CredentialVault, site: SiteProfile): Promise<StoredSecrets> {
  const stored = async (name: SiteSecretName) => keepsSecret(site, name) && (await vault.has(siteSecretKey(site.id, name)));
  return { password: await stored('password'), passphrase: await stored('passphrase') };
}

/** Every vault key a site may own, for removal. */
export function allSecretKeys(siteId: string): string[] {
  return secretNames.map((name) => siteSecretKey(siteId, name));
}

/** A site's secrets for the session layer: undefined where the site asks every time or nothing is saved. */
export async function readSecrets(vault: CredentialVault, site: SiteProfile): Promise<{ password?: string; passphrase?: string }> {
  const found: { password?: string; passphrase?: string } = {};
  for (const name of secretNames) {
    if (!keepsSecret(site, name)) continue;
    const value = await vault.get(siteSecretKey(site.id, name));
    if (value !== undefined) found[name] = value;
  }
  return found;
}
