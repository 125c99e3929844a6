import type { ContractsOf } from '../contract/service';
import { localContract, type LocalService } from './local';
import { logContract, type LogService } from './log';
import { promptsContract, type PromptsService } from './prompts';
import { sessionContract, type SessionService } from './session';
import { sitesContract, type SitesService } from './sites';
import { transfersContract, type TransfersService } from './transfers';
import { trustContract, type TrustService } from './trust';

/** Every service of the contract, by name. Shells carry all of them; the renderer gets a proxy of each. */
export interface Services {
  readonly local: LocalService;
  readonly session: SessionService;
  readonly sites: SitesService;
  readonly prompts: PromptsService;
  readonly trust: TrustService;
  readonly log: LogService;
  readonly transfers: TransfersService;
}

export const contracts: ContractsOf<Services> = {
  local: localContract,
  session: sessionContract,
  sites: sitesContract,
  prompts: promptsContract,
  trust: trustContract,
  log: logContract,
  transfers: transfersContract,
};

export type ServiceName = keyof Services;
