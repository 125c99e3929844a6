import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptRequest } from '../../../shared/services/prompts';
import { PromptBroker } from '../../../main/prompts/prompt-broker';
import { AnchorSet } from '../../../main/trust/anchors';
import { createServerVerifier } from '../../../main/trust/server-verifier';
import { CertificateTrust } from '../../../main/trust/trust-service';
import { TrustStore } from '../../../main/trust/trust-store';
import { makeTempDir } from '../../support/temp-dir';
import { checkOf } from './checks';
import { TestPki } from './pki';

const temp = makeTempDir();
let pki: TestPki;
let dirs = 0;
beforeAll(() => void (pki = new TestPki(path.join(temp.path, 'pki'))));
afterAll(() => temp.remove());

/** A verifier whose "person" answers every question with `decide(request)`, recording the questions. */
function setup(decide: (request: PromptRequest) => 'trust-once' | 'trust-always' | 'reject', allowPrompt = true) {
  const anchors = { handshake: [new AnchorSet([pki.caPem])], additional: new AnchorSet([]) };
  const trust = new CertificateTrust({ store: TrustStore.inDataDir(path.join(temp.path, `data-${++dirs}`)), anchors });
  const prompts = new PromptBroker();
  const asked: PromptRequest[] = [];
  prompts.onDidRequest((request) => {
    asked.push(request);
    void prompts.answer(request.id, { kind: 'certificate', decision: decide(request) });
  });
  return { trust, asked, verify: createServerVerifier({ trust, prompts, allowPrompt }) };
}

describe('the engine\'s certificate callback', () => {
  it('goes on without asking when the chain and name are trusted', async () => {
    const { verify, asked } = setup(() => 'reject');
    expect(await verify(checkOf(pki.issue({}), 'localhost', 21, { authorized: true }))).toBe('trust');
    expect(asked).toEqual([]);
  });

  it('asks about an unknown certificate; "Always trust" pins it and the next connection is not asked', async () => {
    const { verify, asked, trust } = setup(() => 'trust-always');
    const check = checkOf(pki.issue({ selfSigned: true }));
    expect(await verify(check)).toBe('trust');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ kind: 'certificate-unknown', certificate: { host: 'localhost', port: 990, reasons: ['self-signed'] } });
    expect((await trust.evaluate(check)).status).toBe('pinned');
    expect(await verify(check)).toBe('trust');
    expect(asked).toHaveLength(1);
    expect((await trust.listPins())[0]?.decidedBy).toBe('dialog');
  });

  it('"Trust once" goes on without pinning and is not asked again during this run', async () => {
    const { verify, asked, trust } = setup(() => 'trust-once');
    const check = checkOf(pki.issue({ selfSigned: true }));
    expect(await verify(check)).toBe('trust');
    expect(await verify(check)).toBe('trust');
    expect(asked).toHaveLength(1);
    expect(await trust.listPins()).toEqual([]);
  });

  it('"Cancel" rejects, and so does an unknown certificate where nobody can be asked', async () => {
    const rejecting = setup(() => 'reject');
    expect(await rejecting.verify(checkOf(pki.issue({ selfSigned: true })))).toBe('reject');
    expect(await rejecting.verify({ ...checkOf(pki.issue({})), chain: [] })).toBe('reject');
    const silent = setup(() => 'trust-always', false);
    expect(await silent.verify(checkOf(pki.issue({ selfSigned: true })))).toBe('reject');
    expect(silent.asked).toEqual([]);
  });

  it('a changed pinned certificate raises the distinct question with the old pin, and tells a re-issue with the same key', async () => {
    const { verify, asked, trust } = setup((request) => (request.kind === 'certificate-changed' ? 'reject' : 'trust-always'));
    const old = pki.issue({ selfSigned: true });
    await verify(checkOf(old));
    const sameKey = pki.issue({ selfSigned: true, key: old.keyPath });
    expect(await verify(checkOf(sameKey))).toBe('reject');
    const changed = asked[1];
    expect(changed?.kind).toBe('certificate-changed');
    if (changed?.kind !== 'certificate-changed') throw new Error('not a changed question');
    expect(changed.samePublicKey).toBe(true);
    expect(changed.previous.sha256).toBe(changed.previous.details.sha256);
    expect(changed.previous.details.sha256).not.toBe(changed.certificate.chain[0]?.sha256);
    expect(await verify(checkOf(pki.issue({ selfSigned: true })))).toBe('reject');
    expect(asked[2]).toMatchObject({ kind: 'certificate-changed', samePublicKey: false });
    // Rejecting keeps the old pin.
    expect((await trust.evaluate(checkOf(old))).status).toBe('pinned');
  });

  it('re-pinning a changed certificate ("Always trust" again) replaces the pin', async () => {
    const { verify, trust } = setup(() => 'trust-always');
    await verify(checkOf(pki.issue({ selfSigned: true })));
    const next = pki.issue({ selfSigned: true });
    expect(await verify(checkOf(next))).toBe('trust');
    expect((await trust.evaluate(checkOf(next))).status).toBe('pinned');
  });

  it('notes "last seen" on a pinned connection', async () => {
    let now = 10_000_000;
    const anchors = { handshake: [new AnchorSet([])], additional: new AnchorSet([]) };
    const store = TrustStore.inDataDir(path.join(temp.path, `data-${++dirs}`), { now: () => now });
    const trust = new CertificateTrust({ store, anchors, now: () => now });
    const check = checkOf(pki.issue({ selfSigned: true }));
    await trust.pin((await trust.evaluate(check)).info, 'cli');
    now += 3_600_000;
    expect(await createServerVerifier({ trust, prompts: new PromptBroker(), allowPrompt: false })(check)).toBe('trust');
    expect((await trust.listPins())[0]).toMatchObject({ firstSeen: 10_000_000, lastSeen: now });
  });
});
