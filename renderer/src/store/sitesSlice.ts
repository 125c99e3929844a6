import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import type { SiteDraft, SiteProfile, SiteSecrets, SitesService, StoredSecrets, VaultStatus } from '../../../shared/services/sites';
import type { AppState } from './appState';
import { subscribeSafely, unsubscribeAll } from './subscribe';

/** Saved sites, the Site Manager's folders, and the state of the credential vault. */
export interface SitesSlice {
  sites: readonly SiteProfile[];
  /** Every folder of the Site Manager tree, empty ones included. */
  siteFolders: readonly string[];
  /** Unknown until the service answers. */
  vault: VaultStatus | null;
  sitesActions: {
    start(): Unsubscribe;
    save(draft: SiteDraft, secrets?: SiteSecrets): Promise<SiteProfile>;
    duplicate(id: string): Promise<SiteProfile>;
    remove(id: string): Promise<void>;
    createFolder(path: string): Promise<void>;
    /** Renames or moves a folder with what it holds; throws 'exists' when the name is taken. */
    renameFolder(from: string, to: string): Promise<void>;
    /** Deletes a folder with every site and folder inside it. */
    removeFolder(path: string): Promise<void>;
    refreshVault(): Promise<VaultStatus | null>;
    /** Which secrets the vault holds for a site. */
    storedSecrets(id: string): Promise<StoredSecrets>;
    /** Creates or unlocks the master-password vault; throws 'wrong-master-password'. */
    unlockVault(masterPassword: string): Promise<void>;
  };
}

/** The sites slice over an injected sites service. */
export const createSitesSlice =
  (service: SitesService): StateCreator<AppState, [], [], SitesSlice> =>
  (set, get) => {
    // The change events follow too, but the Site Manager selects what a folder change made right away.
    const reload = async () => {
      const [sites, siteFolders] = await Promise.all([service.list(), service.listFolders()]);
      set({ sites, siteFolders });
    };
    return {
      sites: [],
      siteFolders: [],
      vault: null,
      sitesActions: {
        start() {
          void service.list().then((sites) => set({ sites }), () => undefined);
          void service.listFolders().then((siteFolders) => set({ siteFolders }), () => undefined);
          void get().sitesActions.refreshVault();
          return unsubscribeAll([
            subscribeSafely(() => service.onDidChange((sites) => set({ sites }))),
            subscribeSafely(() => service.onDidChangeFolders((siteFolders) => set({ siteFolders }))),
          ]);
        },
        async save(draft, secrets) {
          const saved = await service.save(draft, secrets);
          // The change event follows, but the Site Manager selects the saved site right away.
          set((state) => ({ sites: [...state.sites.filter((site) => site.id !== saved.id), saved] }));
          return saved;
        },
        async duplicate(id) {
          const copy = await service.duplicate(id);
          set((state) => ({ sites: [...state.sites.filter((site) => site.id !== copy.id), copy] }));
          return copy;
        },
        async remove(id) {
          await service.remove(id);
          set((state) => ({ sites: state.sites.filter((site) => site.id !== id) }));
        },
        async createFolder(path) {
          await service.createFolder(path);
          await reload();
        },
        async renameFolder(from, to) {
          await service.renameFolder(from, to);
          await reload();
        },
        async removeFolder(path) {
          await service.removeFolder(path);
          await reload();
        },
        async refreshVault() {
          try {
            const vault = await service.vaultStatus();
            set({ vault });
            return vault;
          } catch {
            return null;
          }
        },
        storedSecrets(id) {
          return service.storedSecrets(id);
        },
        async unlockVault(masterPassword) {
          set({ vault: await service.unlockVault(masterPassword) });
        },
      },
    };
  };
