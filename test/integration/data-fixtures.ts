import { afterEach } from 'vitest';
import type { ConnectOptions } from '../../main/ftp/client';
import { FaultData, type FaultDataOptions, type FaultServer, type FaultServerOptions, type Script } from '../support/fault-server/index';
import type { Harness } from './fixtures';

/** A fault server with a data side, and a client connected to it. */
export interface DataRig {
  readonly server: FaultServer;
  readonly data: FaultData;
  readonly client: ReturnType<Harness['client']>['client'];
}

/** Builds data rigs for the calling test file; their data listeners close after each test. */
export function useDataRig(harness: Harness): (options?: FaultDataOptions, extra?: { script?: Script; server?: FaultServerOptions; connect?: Partial<ConnectOptions> }) => Promise<DataRig> {
  const made: FaultData[] = [];
  afterEach(() => {
    for (const data of made.splice(0)) data.close();
  });
  return async (options = {}, extra = {}) => {
    const data = new FaultData(options);
    made.push(data);
    const server = await harness.server({ ...extra.server, script: { ...data.script(), ...extra.script } });
    const { client } = harness.client();
    await client.connect(harness.options(server, { timeouts: { connectMs: 2_000, replyMs: 2_000, tlsMs: 2_000 }, data: { connectTimeoutMs: 2_000, stallTimeoutMs: 2_000 }, ...extra.connect }));
    return { server, data, client };
  };
}
