import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/contract/dispatcher';
import { createServicesProxy } from '../../../shared/contract/proxy';
import { jsonCodec, structuredCloneCodec, type Codec } from '../../../shared/contract/wire';
import { SluiceError } from '../../../shared/errors';
import { contracts, type Services } from '../../../shared/services';
import { createServices } from '../../../main/services';
import { loopbackTransport } from '../../support/loopback-transport';
import { makeTempDir } from '../../support/temp-dir';
import { siteDraft } from '../sites/fixtures';

const codecs: [string, Codec<unknown>][] = [
  ['WebSocket (JSON)', jsonCodec as Codec<unknown>],
  ['Electron IPC (structured clone)', structuredCloneCodec],
];

describe.each(codecs)('contract round trip over the %s codec', (_name, codec) => {
  let temp: ReturnType<typeof makeTempDir>;
  let data: ReturnType<typeof makeTempDir>;
  let remote: Services;
  let direct: Services;

  beforeEach(() => {
    temp = makeTempDir();
    data = makeTempDir();
    mkdirSync(path.join(temp.path, 'photos'));
    writeFileSync(path.join(temp.path, 'notes.txt'), 'hello');
    direct = createServices({ dataDir: data.path, local: { home: temp.path } }).services;
    remote = createServicesProxy(contracts, loopbackTransport(createDispatcher(contracts, direct), codec));
  });
  afterEach(() => {
    temp.remove();
    data.remove();
  });

  it('returns exactly what the service returns', async () => {
    const [overWire, inProcess] = await Promise.all([remote.local.list(temp.path), direct.local.list(temp.path)]);
    expect(overWire).toEqual(inProcess);
    expect(overWire.entries.map((entry) => entry.name).sort()).toEqual(['notes.txt', 'photos']);
    expect(await remote.local.home()).toBe(temp.path);
  });

  it('resolves a method that returns nothing (JSON drops undefined)', async () => {
    await expect(remote.local.delete([path.join(temp.path, 'notes.txt')], 'permanent')).resolves.toBeUndefined();
    expect((await remote.local.list(temp.path)).entries.map((entry) => entry.name)).toEqual(['photos']);
  });

  it('passes an optional last argument left undefined (JSON would make it null)', async () => {
    // A new site saved with no secret typed: sites.save(draft, undefined).
    const saved = await remote.sites.save({ ...siteDraft(), passwordMode: 'ask' }, undefined);
    expect(await direct.sites.list()).toEqual([saved]);
  });

  it('rethrows a service error as a typed SluiceError with its kind', async () => {
    const failure = remote.local.list(path.join(temp.path, 'missing'));
    await expect(failure).rejects.toBeInstanceOf(SluiceError);
    await expect(failure).rejects.toMatchObject({ kind: 'not-found' });
    await expect(remote.local.createFolder(temp.path, 'photos')).rejects.toMatchObject({ kind: 'exists' });
  });

  it('delivers service events to listeners on the far side', async () => {
    const seen: string[] = [];
    const stop = remote.local.onDidChange((change) => seen.push(change.folder));
    await remote.local.createFolder(temp.path, 'new folder');
    stop();
    await remote.local.createFolder(temp.path, 'after unsubscribe');
    expect(seen).toEqual([temp.path]);
  });
});
