import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRecord } from '../../../shared/services/trust';
import { TRUST_FILE, TrustStore } from '../../../main/trust/trust-store';
import { makeTempDir } from '../../support/temp-dir';
import { TestPki } from './pki';

const temp = makeTempDir();
let pki: TestPki;
let dirs = 0;
beforeAll(() => void (pki = new TestPki(path.join(temp.path, 'pki'))));
afterAll(() => temp.remove());

const freshDir = () => path.join(temp.path, `data-${++dirs}`);

function pinOf(pem: string, host: string, port: number, at = 1000): PinRecord {
  const x509 = new X509Certificate(pem);
  return { host, port, sha256: x509.fingerprint256, pem, subject: x509.subject, issuer: x509.issuer, validTo: Date.parse(x509.validTo), firstSeen: at, lastSeen: at, decidedBy: 'dialog' };
}

describe('the trust store', () => {
  it('pins, lists sorted, replaces per host:port and forgets', async () => {
    const store = TrustStore.inDataDir(freshDir());
    const [a, b] = [pki.issue({}).pem, pki.issue({}).pem];
    expect(await store.list()).toEqual([]);
    await store.put(pinOf(a, 'Zeta.example', 21));
    await store.put(pinOf(a, 'alpha.example', 990));
    await store.put(pinOf(a, 'alpha.example', 21));
    await store.put(pinOf(b, 'zeta.example', 21));
    const pins = await store.list();
    expect(pins.map((pin) => `${pin.host}:${pin.port}`)).toEqual(['alpha.example:21', 'alpha.example:990', 'zeta.example:21']);
    expect((await store.get('ZETA.example', 21))?.sha256).toBe(new X509Certificate(b).fingerprint256);
    expect(await store.remove('alpha.example', 990)).toBe(true);
    expect(await store.remove('alpha.example', 990)).toBe(false);
    expect(await store.list()).toHaveLength(2);
  });

  it('is a file another process sees (the app and `sluice cert` share it)', async () => {
    const dir = freshDir();
    await TrustStore.inDataDir(dir).put(pinOf(pki.issue({}).pem, 'shared.example', 21));
    const other = TrustStore.inDataDir(dir);
    expect(await other.remove('shared.example', 21)).toBe(true);
    expect(await TrustStore.inDataDir(dir).list()).toEqual([]);
  });

  it('updates "last seen" for the pinned certificate only, at most once a minute', async () => {
    let now = 5_000_000;
    const store = TrustStore.inDataDir(freshDir(), { now: () => now });
    const pem = pki.issue({}).pem;
    await store.put(pinOf(pem, 'seen.example', 21));
    const sha256 = new X509Certificate(pem).fingerprint256;
    expect(await store.touch('seen.example', 21, sha256)).toBe(true);
    expect((await store.get('seen.example', 21))?.lastSeen).toBe(now);
    now += 1_000;
    expect(await store.touch('seen.example', 21, sha256)).toBe(false);
    now += 60_000;
    expect(await store.touch('seen.example', 21, '00:'.repeat(31) + '00')).toBe(false);
    expect(await store.touch('seen.example', 21, sha256)).toBe(true);
    expect((await store.get('seen.example', 21))?.firstSeen).toBe(1000);
  });

  it('refuses a pin whose PEM is not the pinned certificate', async () => {
    const store = TrustStore.inDataDir(freshDir());
    const pin = { ...pinOf(pki.issue({}).pem, 'bad.example', 21), sha256: pinOf(pki.issue({}).pem, 'x', 1).sha256 };
    await expect(store.put(pin)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it.each([
    ['broken JSON', '{"format":"sluice-trust","version":1,"pins":['],
    ['a foreign file', JSON.stringify({ hello: 'world' })],
    ['a pin with a PEM that is not its certificate', null],
  ])('sets %s aside, keeps it, and starts empty', async (_name, content) => {
    const dir = freshDir();
    const problems: string[] = [];
    const store = TrustStore.inDataDir(dir, { onProblem: (message) => problems.push(message) });
    await store.put(pinOf(pki.issue({}).pem, 'kept.example', 21));
    const file = path.join(dir, TRUST_FILE);
    const bad = content ?? readFileSync(file, 'utf8').replace(/"sha256": "([0-9A-F]{2})/, (_all, pair: string) => `"sha256": "${pair === 'AA' ? 'BB' : 'AA'}`);
    writeFileSync(file, bad);
    expect(await store.list()).toEqual([]);
    expect(problems).toHaveLength(1);
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${TRUST_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(bad);
    // The store goes on working.
    await store.put(pinOf(pki.issue({}).pem, 'new.example', 21));
    expect((await store.list()).map((pin) => pin.host)).toEqual(['new.example']);
  });

  it('refuses, without touching it, a file from a newer Sluice', async () => {
    const dir = freshDir();
    const file = path.join(dir, TRUST_FILE);
    await TrustStore.inDataDir(dir).put(pinOf(pki.issue({}).pem, 'a.example', 21));
    const newer = JSON.stringify({ format: 'sluice-trust', version: 2, pins: [] });
    writeFileSync(file, newer);
    await expect(TrustStore.inDataDir(dir).list()).rejects.toMatchObject({ kind: 'unsupported' });
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('survives kill -9 in the middle of saving: the file is always a whole store', async () => {
    const dir = freshDir();
    const pemPath = path.join(temp.path, 'crash.pem');
    writeFileSync(pemPath, pki.issue({}).pem);
    const counts: number[] = [];
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'store-writer-child.ts'), dir, pemPath], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => child.stdout!.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 120));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const problems: string[] = [];
      const pins = await TrustStore.inDataDir(dir, { onProblem: (message) => problems.push(message) }).list();
      expect(problems).toEqual([]);
      counts.push(pins.length);
    }
    // The children really were saving when they died.
    expect(Math.max(...counts)).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((name) => name !== TRUST_FILE && !name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
