import { describe, expect, it } from 'vitest';
import type { ServerCertificateCheck } from '../../../main/ftp/certificate';
import { TrustedLeaf } from '../../../main/pool/trusted-leaf';

const check = (leaf: string): ServerCertificateCheck => ({
  host: '127.0.0.1',
  port: 21,
  chain: [Buffer.from(leaf), Buffer.from('root')],
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  nodeVerdict: { authorized: false, error: 'self-signed' },
});

describe('TrustedLeaf', () => {
  it('asks once, then trusts exactly the leaf that was trusted', async () => {
    let asked = 0;
    const trust = new TrustedLeaf(() => ((asked += 1), 'trust'));
    expect(trust.same(check('leaf-a'))).toBe('reject');
    expect(await trust.first(check('leaf-a'))).toBe('trust');
    expect(trust.decided).toBe(true);
    expect(trust.same(check('leaf-a'))).toBe('trust');
    expect(trust.same(check('leaf-b'))).toBe('reject');
    expect(asked).toBe(1);
  });

  it('remembers nothing when the first certificate was rejected', async () => {
    const trust = new TrustedLeaf(() => 'reject');
    expect(await trust.first(check('leaf-a'))).toBe('reject');
    expect(trust.decided).toBe(false);
    expect(trust.same(check('leaf-a'))).toBe('reject');
  });
});
