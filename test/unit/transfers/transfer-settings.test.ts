import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransferSettings } from '../../../main/transfers/transfer-settings';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

describe('transfer settings', () => {
  it('keeps the speed limit and each site\'s file-exists default across restarts', async () => {
    temp = makeTempDir();
    const settings = await TransferSettings.load(temp.path);
    expect(settings.speedLimit).toBeNull();
    await settings.setSpeedLimit(65_536);
    await settings.setFileExistsDefault('site-1', 'overwrite-if-newer');
    await settings.setFileExistsDefault('site-2', 'skip');
    await settings.setFileExistsDefault('site-2', null);
    const again = await TransferSettings.load(temp.path);
    expect(again.speedLimit).toBe(65_536);
    expect(again.fileExistsDefault('site-1')).toBe('overwrite-if-newer');
    expect(again.fileExistsDefault('site-2')).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(temp.path, 'transfer-settings.json'), 'utf8'))).toEqual({ speedLimit: 65_536, fileExists: { 'site-1': 'overwrite-if-newer' } });
  });

  it('starts from the defaults when the file is damaged', async () => {
    temp = makeTempDir();
    writeFileSync(path.join(temp.path, 'transfer-settings.json'), '{"speedLimit": "fast"');
    const settings = await TransferSettings.load(temp.path);
    expect(settings.speedLimit).toBeNull();
    expect(settings.fileExistsDefault('x')).toBeUndefined();
  });
});
