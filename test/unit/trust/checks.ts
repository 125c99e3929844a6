// Engine-shaped certificate checks for the decision tests, without a handshake: the verdict
// is what Node would say (the handshake itself is exercised in verify.test.ts).
import type { NodeVerdict, ServerCertificateCheck } from '../../../main/ftp/certificate';
import type { Issued } from './pki';

/** The check the engine would hand over for `issued` presented by host:port. */
export function checkOf(issued: Issued, host = 'localhost', port = 990, nodeVerdict: NodeVerdict = { authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' }): ServerCertificateCheck {
  return { host, port, chain: [issued.der], tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', nodeVerdict };
}
