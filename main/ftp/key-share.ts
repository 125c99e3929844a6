import type { TLSSocket } from 'node:tls';

/**
 * TLS 1.3 key-share groups. A client sends one key share, for its first group (X25519 by
 * default); a server that only takes another one (vsftpd configures P-256 alone) answers with
 * a HelloRetryRequest, and the client starts again with a share for that group: one more round
 * trip and a wasted key pair on every data connection. The control connection's handshake
 * shows which group the server took, so the data connections offer that one first.
 */

// Canonical spellings: OpenSSL and BoringSSL (Electron) both take these in a groups list.
const ALIASES: Readonly<Record<string, string>> = {
  x25519: 'X25519',
  prime256v1: 'P-256',
  secp256r1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/** What every client offers after the preferred group: the common groups both TLS libraries know. */
const COMMON_GROUPS = ['X25519', 'P-256', 'P-384', 'P-521'] as const;

/** The elliptic-curve group a finished handshake used, in canonical spelling; undefined for finite-field DH or none. */
export function negotiatedGroup(socket: TLSSocket): string | undefined {
  const info = socket.getEphemeralKeyInfo();
  if (info === null || !('type' in info) || info.type !== 'ECDH' || typeof info.name !== 'string') return undefined;
  return canonicalGroup(info.name);
}

/** A groups list (Node's `ecdhCurve`) with `first` first, then the common groups. */
export function groupsPreferring(first: string): string {
  const lead = canonicalGroup(first);
  return [lead, ...COMMON_GROUPS.filter((group) => group !== lead)].join(':');
}

function canonicalGroup(name: string): string {
  return ALIASES[name.toLowerCase()] ?? name;
}
