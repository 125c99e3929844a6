import { describe, expect, it } from 'vitest';
import type { ServerCertificateCheck } from '../../../main/ftp/certificate';
import { tlsConnectionOptions } from '../../../main/ftp/tls-options';
import { connectOptionsOf } from '../../../main/lanes/lane-connect';

const leaf = Buffer.from('the leaf the main pool trusted');

function check(chain: Buffer[], authorized: boolean): ServerCertificateCheck {
  return { host: 'files.example.org', port: 21, chain, tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', nodeVerdict: { authorized } };
}

describe('a transfer lane connects', () => {
  // Structured cloning turns the leaf into a plain Uint8Array; the worker gets it as such.
  const setup = {
    connect: { host: 'files.example.org', user: 'alice', password: 'secret', policy: { mode: 'explicit' as const, extraCa: ['COMPANY CA PEM'] } },
    size: 3,
    trustedLeaf: new Uint8Array(leaf),
    insecureAllowed: false,
  };

  it('trusting the decided leaf alone, whatever Node says of the chain', async () => {
    const options = connectOptionsOf(setup);
    expect(await options.verifyServer?.(check([Buffer.from(leaf)], false))).toBe('trust');
    expect(await options.verifyServer?.(check([Buffer.from('another leaf'), Buffer.from(leaf)], true))).toBe('reject');
  });

  it('without loading any CA roots, since no CA verdict is read', () => {
    const options = connectOptionsOf(setup);
    expect(options.policy).toMatchObject({ mode: 'explicit', leafPinned: true });
    expect(options.policy?.extraCa).toBeUndefined();
    // `ca: []` keeps Node from parsing every root again for this thread's contexts.
    expect(tlsConnectionOptions(options.policy ?? { mode: 'explicit' }, 'files.example.org').ca).toEqual([]);
    // The main thread's own connections still get the roots and the extra CA.
    expect(tlsConnectionOptions(setup.connect.policy, 'files.example.org').ca).toContain('COMPANY CA PEM');
  });

  it('with the default policy when the main pool had none: explicit TLS, required', () => {
    const { policy: _none, ...connect } = setup.connect;
    expect(connectOptionsOf({ ...setup, connect }).policy).toEqual({ mode: 'explicit', leafPinned: true });
  });

  it('refusing every certificate when the main pool trusted none', async () => {
    const { trustedLeaf: _none, ...withoutLeaf } = setup;
    expect(await connectOptionsOf(withoutLeaf).verifyServer?.(check([Buffer.from(leaf)], true))).toBe('reject');
  });
});
