import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { Unsubscribe } from '../../shared/contract/service';
import { SluiceError } from '../../shared/errors';
import { sitesContract, type SiteDraft, type SiteProfile, type SiteSecrets, type SitesService, type StoredSecrets, type VaultStatus } from '../../shared/services/sites';
import { Emitter } from '../events';
import { OperationLock } from '../operation-lock';
import { copyName } from './find-site';
import { completeFolders, withFolder, withFolderRenamed, withoutFolder, type SitesData } from './site-folders';
import { allSecretKeys, applySecretChanges, assertVaultCanApply, copySecrets, planSecretChanges, readSecrets, storedSecretsOf, type SecretChange } from './site-secrets';
import { SitesStore, sitesFileName } from './sites-store';
import type { CredentialVault } from './vault/credential-vault';
import { openCredentialVault } from './vault/open-vault';
import type { CorruptFileReport } from './versioned-file';

/** What the composition root gives the sites service. */
export interface SitesServiceOptions {
  /** The data directory that holds `sites.json` (and the vault files). */
  readonly dataDir: string;
  /** The credential vault; default: the master-password vault in `dataDir`. */
  readonly vault?: CredentialVault | Promise<CredentialVault>;
  /** Told when a damaged sites or vault file was moved aside. */
  readonly onCorruptFile?: (report: CorruptFileReport) => void;
}

/** A site's secrets as the session layer needs them; absent where the user must be asked. */
export interface SiteCredentials {
  readonly password?: string;
  readonly passphrase?: string;
}

/**
 * Saved sites and their secrets: profiles in `sites.json`, secrets in the vault. Files are
 * read when used, so a sync composition root can build it, and a newer-format file makes
 * calls fail with `unsupported-version` instead of the app failing to start.
 */
export class NodeSitesService implements SitesService {
  private readonly changed = new Emitter<readonly SiteProfile[]>();
  readonly onDidChange: (listener: (sites: readonly SiteProfile[]) => void) => Unsubscribe = this.changed.subscribe;
  private readonly foldersChanged = new Emitter<readonly string[]>();
  readonly onDidChangeFolders: (listener: (folders: readonly string[]) => void) => Unsubscribe = this.foldersChanged.subscribe;
  private readonly store: SitesStore;
  private readonly vault: Promise<CredentialVault>;
  // Saves, duplicates, removals and folder changes read, change and write the whole file: one at a time,
  // else two callers that both read before either writes would lose one change.
  private readonly serial = new OperationLock();

  constructor(options: SitesServiceOptions) {
    const corrupt = options.onCorruptFile ? { onCorruptFile: options.onCorruptFile } : {};
    this.store = new SitesStore(path.join(options.dataDir, sitesFileName), corrupt);
    this.vault = Promise.resolve(options.vault ?? openCredentialVault({ dataDir: options.dataDir, ...corrupt }));
    // Callers see the failure; this only keeps an unused service from an unhandled rejection.
    this.vault.catch(() => undefined);
  }

  async list(): Promise<SiteProfile[]> {
    return this.serial.run(async () => (await this.store.read()).sites);
  }

  async save(draft: SiteDraft, secrets?: SiteSecrets): Promise<SiteProfile> {
    const [valid, validSecrets] = validate(sitesContract.methods.save, [draft, secrets]);
    return this.exclusive(async (store, vault) => {
      const before = await store.read();
      if (valid.id !== undefined && !before.sites.some((site) => site.id === valid.id)) throw new SluiceError('not-found', 'That site no longer exists.');
      const profile: SiteProfile = { ...valid, id: valid.id ?? newSiteId() };
      const changes = planSecretChanges(profile, validSecrets);
      assertVaultCanApply(vault, changes);
      const sites = valid.id === undefined ? [...before.sites, profile] : before.sites.map((site) => (site.id === profile.id ? profile : site));
      await this.commit(before, { sites, folders: before.folders }, changes);
      return profile;
    });
  }

  async duplicate(id: string): Promise<SiteProfile> {
    validate(sitesContract.methods.duplicate, [id]);
    return this.exclusive(async (store, vault) => {
      const before = await store.read();
      const original = requireSite(before.sites, id);
      const copy: SiteProfile = { ...original, id: newSiteId(), name: copyName(before.sites, original) };
      // Read first: a locked vault refuses here, before anything is written.
      const changes = await copySecrets(vault, original, copy.id);
      await this.commit(before, { sites: [...before.sites, copy], folders: before.folders }, changes);
      return copy;
    });
  }

  async remove(id: string): Promise<void> {
    validate(sitesContract.methods.remove, [id]);
    await this.exclusive(async (store, vault) => {
      const before = await store.read();
      requireSite(before.sites, id);
      // Secrets first: a failure then leaves a site without its password, never a password without its site.
      for (const key of allSecretKeys(id)) await vault.delete(key);
      await this.commit(before, { sites: before.sites.filter((site) => site.id !== id), folders: before.folders }, []);
    });
  }

  async listFolders(): Promise<string[]> {
    return this.serial.run(async () => {
      const { sites, folders } = await this.store.read();
      return completeFolders(folders, sites);
    });
  }

  async createFolder(path: string): Promise<void> {
    const [valid] = validate(sitesContract.methods.createFolder, [path]);
    await this.exclusive(async (store) => {
      const before = await store.read();
      await this.commit(before, withFolder(before, valid), []);
    });
  }

  async renameFolder(from: string, to: string): Promise<void> {
    const [validFrom, validTo] = validate(sitesContract.methods.renameFolder, [from, to]);
    await this.exclusive(async (store) => {
      const before = await store.read();
      await this.commit(before, withFolderRenamed(before, validFrom, validTo), []);
    });
  }

  async removeFolder(path: string): Promise<void> {
    const [valid] = validate(sitesContract.methods.removeFolder, [path]);
    await this.exclusive(async (store, vault) => {
      const before = await store.read();
      const { data, removedSites } = withoutFolder(before, valid);
      // Secrets first, as for one site: never a password left behind without its site.
      for (const site of removedSites) for (const key of allSecretKeys(site.id)) await vault.delete(key);
      await this.commit(before, data, []);
    });
  }

  async vaultStatus(): Promise<VaultStatus> {
    return (await this.vault).status();
  }

  async storedSecrets(id: string): Promise<StoredSecrets> {
    const [valid] = validate(sitesContract.methods.storedSecrets, [id]);
    return this.exclusive(async (store, vault) => storedSecretsOf(vault, requireSite((await store.read()).sites, valid)));
  }

  async unlockVault(masterPassword: string): Promise<VaultStatus> {
    validate(sitesContract.methods.unlockVault, [masterPassword]);
    return (await this.vault).unlock(masterPassword);
  }

  /**
   * For the session layer: the saved secrets of a site. A secret left out means "ask the
   * user" (site set to ask, or nothing saved). Throws `vault-locked` when a secret is saved
   * but the master password has not been given yet, `not-found` for an unknown site.
   */
  async resolveCredentials(siteId: string): Promise<SiteCredentials> {
    const site = requireSite(await this.list(), siteId);
    return readSecrets(await this.vault, site);
  }

  /**
   * Writes the new file, then the vault changes. If the vault fails, the old file goes back:
   * no profile may claim a secret that did not land. Every folder of the tree is written,
   * so one stays when its last site leaves; listeners hear of what changed.
   */
  private async commit(before: SitesData, next: SitesData, changes: readonly SecretChange[]): Promise<void> {
    const after: SitesData = { sites: next.sites, folders: completeFolders(next.folders, next.sites) };
    await this.store.write(after);
    try {
      await applySecretChanges(await this.vault, changes);
    } catch (error) {
      await this.store.write(before).catch(() => undefined);
      throw error;
    }
    if (!sameList(completeFolders(before.folders, before.sites), after.folders)) this.foldersChanged.fire(after.folders);
    if (before.sites !== after.sites) this.changed.fire(after.sites);
  }

  private exclusive<T>(operation: (store: SitesStore, vault: CredentialVault) => Promise<T>): Promise<T> {
    return this.serial.run(async () => operation(this.store, await this.vault));
  }
}

/** Builds the sites service for the composition root. */
export function createSitesService(options: SitesServiceOptions): NodeSitesService {
  return new NodeSitesService(options);
}

/**
 * A random, url-safe site id (16 characters, ~96 bits). It starts with a letter or digit: one
 * starting with '-' would be taken for an option by `sluice sites remove ID` (1 id in 64 was).
 */
export function newSiteId(): string {
  for (;;) {
    const id = randomBytes(12).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

function requireSite(sites: readonly SiteProfile[], id: string): SiteProfile {
  const site = sites.find((candidate) => candidate.id === id);
  if (!site) throw new SluiceError('not-found', 'That site no longer exists.');
  return site;
}

/** The contract's schema again: the CLI calls the service directly, without the dispatcher. */
function validate<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new SluiceError('invalid-argument', parsed.error.issues[0]?.message ?? 'Invalid site');
  return parsed.data;
}
