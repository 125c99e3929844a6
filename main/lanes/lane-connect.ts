/**
 * How a transfer lane's worker connects: the main pool's options again, with the trust decision
 * the main pool already made. The worker never decides on a certificate and never prompts.
 */

import type { ConnectOptions } from '../ftp/client';
import type { ClientCertificate, SecurityPolicy } from '../ftp/policy';
import { TrustedLeaf } from '../pool/trusted-leaf';
import { asBuffer, type LaneSetup } from './lane-protocol';

/** The main pool's connect options again, with the trust decision it already made. */
export function connectOptionsOf(setup: LaneSetup): ConnectOptions {
  const leaf = setup.trustedLeaf === undefined ? undefined : (asBuffer(setup.trustedLeaf) as Buffer);
  return {
    ...setup.connect,
    // Without a policy the engine's default applies: explicit TLS, required (client.ts).
    policy: leafPinnedPolicy(setup.connect.policy ?? { mode: 'explicit' }),
    verifyServer: TrustedLeaf.decided(leaf).same,
    askInsecure: () => setup.insecureAllowed,
  };
}

/**
 * The main pool's policy for connections trusted by the decided leaf alone: no CA roots to load
 * (leafPinned), and a client certificate back in Buffers after its trip between threads.
 */
function leafPinnedPolicy(policy: SecurityPolicy): SecurityPolicy {
  const { extraCa: _roots, clientCertificate: certificate, ...rest } = policy;
  return {
    ...rest,
    leafPinned: true,
    ...(certificate === undefined ? {} : { clientCertificate: certificateWithBuffers(certificate) }),
  };
}

function certificateWithBuffers(certificate: ClientCertificate): ClientCertificate {
  return certificate.format === 'pem'
    ? { ...certificate, cert: asBuffer(certificate.cert), key: asBuffer(certificate.key) }
    : { ...certificate, pfx: asBuffer(certificate.pfx) as Buffer };
}
