import type { ContractsOf } from '../contract/service';
import { localContract, type LocalService } from './local';

/**
 * Every service of the contract, by name. Shells carry all of them; the renderer gets
 * a proxy of each. Later issues add session, transfers, sites, trust, prompts and log.
 */
export interface Services {
  readonly local: LocalService;
}

export const contracts: ContractsOf<Services> = {
  local: localContract,
};

export type ServiceName = keyof Services;
