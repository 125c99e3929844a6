// The registry of bench clients: the harness runs every factory listed here.
// Adding a client (e.g. Sluice) = one file implementing BenchClient + one line below.
// Order matters only for display; each scenario names its reference client by `name`.
import type { ClientFactory } from '../types';
import { curlClient } from './curl';
import { lftpClient } from './lftp';
import { sluiceClient } from './sluice';
import { sluiceQueueClient } from './sluice-queue';

export const CLIENTS: readonly ClientFactory[] = [
  sluiceClient,
  sluiceQueueClient,
  curlClient,
  (site) => lftpClient(site, 4),
  (site) => lftpClient(site, 1),
];
