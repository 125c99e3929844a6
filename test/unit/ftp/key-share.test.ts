import { describe, expect, it } from 'vitest';
import { groupsPreferring } from '../../../main/ftp/key-share';

describe('groupsPreferring', () => {
  it('leads with the group the server took, in a spelling OpenSSL and BoringSSL both accept, then the common groups once each', () => {
    expect(groupsPreferring('prime256v1')).toBe('P-256:X25519:P-384:P-521');
    expect(groupsPreferring('x25519')).toBe('X25519:P-256:P-384:P-521');
    expect(groupsPreferring('secp384r1')).toBe('P-384:X25519:P-256:P-521');
  });

  it('keeps a group it has no alias for in front', () => {
    expect(groupsPreferring('X448')).toBe('X448:X25519:P-256:P-384:P-521');
  });
});
