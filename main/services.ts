import type { Services } from '../shared/services';
import { NodeLocalService, type LocalServiceOptions } from './local/local-service';

/** What a shell provides to build the services. */
export interface ServicesOptions {
  /** Where sites, the trust store and the queue live (Electron userData, --data-dir, XDG). */
  readonly dataDir: string;
  readonly local?: LocalServiceOptions;
}

/** The composition root: every service, for any shell. */
export function createServices(options: ServicesOptions): Services {
  return {
    local: new NodeLocalService(options.local),
  };
}
