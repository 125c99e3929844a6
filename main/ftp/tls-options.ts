import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';
import { groupsPreferring } from './key-share';
import type { SecurityPolicy } from './policy';

/** The TLS options for a connection to `host` over `stream` (else TLS connects itself), per the site's policy. */
export function tlsConnectionOptions(policy: SecurityPolicy, host: string, stream?: Duplex): ConnectionOptions {
  const options: ConnectionOptions = {
    ...(stream === undefined ? {} : { socket: stream }),
    minVersion: policy.minVersion ?? 'TLSv1.2',
    // We decide on the certificate ourselves (verifyServer), with Node's verdict as one input.
    rejectUnauthorized: false,
    // Node checks the name against "localhost" when TLS runs over a plain stream; we check it ourselves against the host.
    checkServerIdentity: () => undefined,
  };
  if (policy.maxVersion !== undefined) options.maxVersion = policy.maxVersion;
  // SNI carries names only, never an IP address (RFC 6066 §3).
  if (isIP(host) === 0) options.servername = host;
  if (policy.leafPinned === true) options.ca = [];
  else if (policy.extraCa !== undefined && policy.extraCa.length > 0) options.ca = [...rootCertificates, ...policy.extraCa];
  const certificate = policy.clientCertificate;
  if (certificate !== undefined) {
    if (certificate.format === 'pem') {
      options.cert = certificate.cert;
      options.key = certificate.key;
    } else {
      options.pfx = certificate.pfx;
    }
    if (certificate.passphrase !== undefined) options.passphrase = certificate.passphrase;
  }
  return options;
}

// Building a context parses every root certificate (~30–40 ms of CPU): once per site policy —
// shared by the pool's control connections and all their data connections — not per socket.
// Everything a context holds (versions, CAs, client certificate) comes from the policy, and
// the key-share group its data connections lead with (see key-share.ts).
const contexts = new WeakMap<SecurityPolicy, Map<string, SecureContext>>();

/**
 * `options` (from tlsConnectionOptions for `policy`) with the policy's shared secure context;
 * with `firstGroup`, one whose key share is for that group (the one the server took before).
 */
export function withSharedContext(policy: SecurityPolicy, options: ConnectionOptions, firstGroup?: string): ConnectionOptions {
  return { ...options, secureContext: sharedContext(policy, options, firstGroup) };
}

function sharedContext(policy: SecurityPolicy, options: ConnectionOptions, firstGroup: string | undefined): SecureContext {
  let byGroup = contexts.get(policy);
  if (byGroup === undefined) {
    byGroup = new Map();
    contexts.set(policy, byGroup);
  }
  const key = firstGroup ?? '';
  let context = byGroup.get(key);
  if (context === undefined) {
    // Throws on a bad client certificate, key or passphrase: nothing is cached then.
    context = firstGroup === undefined ? createSecureContext(options) : contextPreferring(policy, options, firstGroup);
    byGroup.set(key, context);
  }
  return context;
}

/**
 * A data connections' context leading with `group`; the default one when this TLS library does
 * not know the group's name. It holds no CA list (`ca: []`, not the root store): a data
 * connection's server is proven by the resumed session or by its certificate being byte-equal
 * to the control connection's (data-tls.ts), never by a CA, and parsing the roots again costs
 * ~50 ms.
 */
function contextPreferring(policy: SecurityPolicy, options: ConnectionOptions, group: string): SecureContext {
  try {
    return createSecureContext({ ...options, ca: [], ecdhCurve: groupsPreferring(group) });
  } catch {
    return sharedContext(policy, options, undefined);
  }
}

/**
 * Runs a TLS client handshake; `onSession` gets every session the server hands out
 * (TLS 1.3 tickets come after the handshake) for the data connections to resume.
 */
export function tlsHandshake(options: ConnectionOptions, onSession: (session: Buffer) => void): Promise<TLSSocket> {
  return new Promise<TLSSocket>((resolve, reject) => {
    let socket: TLSSocket;
    try {
      socket = connect(options);
    } catch (error) {
      // Bad client certificate, key or passphrase: Node throws before any byte moves.
      reject(error);
      return;
    }
    socket.on('session', onSession);
    // Errors after a failure are expected (the socket is torn down); the control connection reports the first.
    socket.on('error', () => undefined);
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
