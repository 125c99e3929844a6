import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import type { SiteDraft, SiteProfile, SiteSecrets, SitesService, VaultStatus } from '../../../shared/services/sites';
import type { AppState } from './appState';
import { subscribeSafely } from './subscribe';

/** Saved sites and the state of the credential vault. */
export interface SitesSlice {
  sites: readonly SiteProfile[];
  /** Unknown until the service answers. */
  vault: VaultStatus | null;
  sitesActions: {
    start(): Unsubscribe;
    save(draft: SiteDraft, secrets?: SiteSecrets): Promise<SiteProfile>;
    duplicate(id: string): Promise<SiteProfile>;
    remove(id: string): Promise<void>;
    refreshVault(): Promise<VaultStatus | null>;
    /** Creates or unlocks the master-password vault; throws 'wrong-master-password'. */
    unlockVault(masterPassword: string): Promise<void>;
  };
}

/** The sites slice over an injected sites service. */
export const createSitesSlice =
  (service: SitesService): StateCreator<AppState, [], [], SitesSlice> =>
  (set, get) => ({
    sites: [],
    vault: null,
    sitesActions: {
      start() {
        void service.list().then((sites) => set({ sites }), () => undefined);
        void get().sitesActions.refreshVault();
        return subscribeSafely(() => service.onDidChange((sites) => set({ sites })));
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
      async refreshVault() {
        try {
          const vault = await service.vaultStatus();
          set({ vault });
          return vault;
        } catch {
          return null;
        }
      },
      async unlockVault(masterPassword) {
        set({ vault: await service.unlockVault(masterPassword) });
      },
    },
  });
