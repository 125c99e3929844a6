import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRecord } from '../../../shared/services/trust';
import { AnchorSet } from '../../../main/trust/anchors';
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

/** A service over a fresh store whose only root is the test CA. */
function service() {
  const anchors = { handshake: [new AnchorSet([pki.caPem])], additional: new AnchorSet([]) };
  return new CertificateTrust({ store: TrustStore.inDataDir(path.join(temp.path, `data-${++dirs}`)), anchors });
}

describe('the trust decision', () => {
  it('trusts a chain to a root with the right name, and nothing else, without a pin', async () => {
    const trust = service();
    expect((await trust.evaluate(checkOf(pki.issue({}), 'localhost', 21, { authorized: true }))).status).toBe('trusted');
    const self = await trust.evaluate(checkOf(pki.issue({ selfSigned: true })));
    expect(self.status).toBe('unknown');
    expect(self.info.reasons).toEqual(['self-signed']);
  });

  it('a pin overrides every reason, for that host:port and that exact certificate', async () => {
    const trust = service();
    const issued = pki.issue({ selfSigned: true, fromDays: -10, toDays: -1 });
    const first = await trust.evaluate(checkOf(issued));
    expect(first.info.reasons).toEqual(['self-signed', 'expired']);
    const pin = await trust.pin(first.info, 'dialog');
    expect(pin).toMatchObject({ host: 'localhost', port: 990, sha256: first.info.chain[0]?.sha256, decidedBy: 'dialog', subject: 'CN=localhost' });
    expect((await trust.evaluate(checkOf(issued))).status).toBe('pinned');
    // Another port of the same host is another server.
    expect((await trust.evaluate(checkOf(issued, 'localhost', 21))).status).toBe('unknown');
  });

  it('a pinned host with a new certificate is "changed", even when the new one chains to a trusted root', async () => {
    const trust = service();
    const old = pki.issue({ selfSigned: true });
    await trust.pin((await trust.evaluate(checkOf(old))).info, 'cli');
    const next = await trust.evaluate(checkOf(pki.issue({}), 'localhost', 990, { authorized: true }));
    expect(next.info.reasons).toEqual([]);
    expect(next.status).toBe('changed');
    expect(next.previous?.sha256).toBe((await trust.listPins())[0]?.sha256);
  });

  it('tells pins and their removal to listeners, and removal makes the next connection ask again', async () => {
    const trust = service();
    const seen: (readonly PinRecord[])[] = [];
    trust.onDidChangePins((pins) => seen.push(pins));
    const issued = pki.issue({ selfSigned: true });
    await trust.pin((await trust.evaluate(checkOf(issued))).info, 'dialog');
    await trust.removePin('localhost', 990);
    await trust.removePin('localhost', 990);
    expect(seen.map((pins) => pins.length)).toEqual([1, 0]);
    expect((await trust.evaluate(checkOf(issued))).status).toBe('unknown');
  });

  it('remembers "trust once" for host:port and that certificate only', async () => {
    const trust = service();
    const issued = pki.issue({ selfSigned: true });
    const { info } = await trust.evaluate(checkOf(issued));
    expect(trust.wasTrustedOnce(info)).toBe(false);
    trust.rememberOnce(info);
    expect(trust.wasTrustedOnce((await trust.evaluate(checkOf(issued))).info)).toBe(true);
    expect(trust.wasTrustedOnce((await trust.evaluate(checkOf(issued, 'localhost', 21))).info)).toBe(false);
    expect(trust.wasTrustedOnce((await trust.evaluate(checkOf(pki.issue({ selfSigned: true })))).info)).toBe(false);
  });
});
