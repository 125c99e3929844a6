import { SluiceError } from '../../shared/errors';
import type { NodeSitesService } from '../sites/sites-service';
import type { SiteSource } from './ports';

/** The sites service as a session uses it: profiles, their secrets, and what a person chose to remember. */
export function siteSourceFrom(sites: NodeSitesService): SiteSource {
  const find = async (id: string) => {
    const site = (await sites.list()).find((candidate) => candidate.id === id);
    if (!site) throw new SluiceError('not-found', 'That site no longer exists');
    return site;
  };
  return {
    site: async (id) => (await sites.list()).find((candidate) => candidate.id === id),
    secrets: (id) => sites.resolveCredentials(id),
    // "Remember" on the password prompt turns an ask-every-time site into a saved one.
    rememberPassword: async (id, password) => void (await sites.save({ ...(await find(id)), passwordMode: 'saved' }, { password })),
    allowInsecure: async (id) => void (await sites.save({ ...(await find(id)), allowInsecure: true })),
  };
}
