import { useEffect, useState } from 'react';
import type { SiteProfile, StoredSecrets } from '../../../shared/services/sites';
import { useAppStore } from '../store/StoreContext';

/** Which secrets the vault holds for the saved site, asked again after each save of it (a new profile object). */
export function useStoredSecrets(site: SiteProfile | undefined): StoredSecrets | undefined {
  const storedSecrets = useAppStore((state) => state.sitesActions.storedSecrets);
  const [stored, setStored] = useState<{ site: SiteProfile; secrets: StoredSecrets }>();
  useEffect(() => {
    if (site === undefined) return;
    let current = true;
    storedSecrets(site.id).then(
      (secrets) => {
        if (current) setStored({ site, secrets });
      },
      // Unknown: the field then claims nothing.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [site, storedSecrets]);
  // An answer about another site (or an older save of this one) says nothing about this one.
  return stored !== undefined && stored.site === site ? stored.secrets : undefined;
}
