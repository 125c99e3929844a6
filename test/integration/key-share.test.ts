import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultTlsOptions } from '../support/fault-server/index';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useDataRig } from './data-fixtures';
import { useHarness } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);
const dir = useFreshTempDir('sluice-key-share-');

/** TLS 1.3 only, with the server's groups list when given (Node's defaults, X25519 first, otherwise). */
function tls13(ecdhCurve?: string): FaultTlsOptions {
  const { serverKey, serverCert } = harness.certs();
  return { key: serverKey, cert: serverCert, minVersion: 'TLSv1.3', ...(ecdhCurve === undefined ? {} : { ecdhCurve }) };
}

/** Downloads three files over a server with `tls` and returns what its data side saw. */
async function threeDownloads(tls: FaultTlsOptions): Promise<ReadonlyArray<{ secure: boolean; resumed: boolean; clientHellos?: number }>> {
  const files = { a: randomBytes(50_000), b: randomBytes(10), c: randomBytes(200_000) };
  const { client, data } = await rig({ files, countClientHellos: true }, { server: { tls } });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir.path, name);
    await client.download(name, target);
    expect(readFileSync(target).equals(content)).toBe(true);
  }
  return data.connections;
}

describe('data connections lead with the key-share group the control connection used', () => {
  it('a server taking P-256 only (vsftpd): one ClientHello per data connection, no HelloRetryRequest', async () => {
    const connections = await threeDownloads(tls13('P-256'));
    expect(connections).toHaveLength(3);
    for (const connection of connections) expect(connection).toMatchObject({ secure: true, resumed: true, clientHellos: 1 });
  });

  it('a server taking X25519 (Node defaults): still one ClientHello per data connection', async () => {
    const connections = await threeDownloads(tls13());
    expect(connections).toHaveLength(3);
    for (const connection of connections) expect(connection).toMatchObject({ secure: true, resumed: true, clientHellos: 1 });
  });
});
