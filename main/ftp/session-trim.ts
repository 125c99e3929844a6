/**
 * A TLS session to resume, without the server certificate OpenSSL keeps in it.
 *
 * Node hands sessions around as DER (OpenSSL's SSL_SESSION_ASN1). Decoding one for a data
 * connection parses the certificate inside, ~0.3 ms of CPU with OpenSSL 3: a tenth of a small
 * file's cost. A resumption never needs it: the server proves itself with the session's
 * secret, and the data connection's certificate check (data-tls.ts) compares against the
 * control connection's own copy, not the session's. The ClientHello is byte-for-byte the same
 * either way (the ticket or session id, and a binder from the secret), so no server can tell.
 *
 * Only with OpenSSL, whose format this walks: BoringSSL (Electron) gets its sessions as they
 * are. Anything unexpected in the bytes also leaves a session as it is.
 */

// SSL_SESSION_ASN1 is a SEQUENCE whose `peer` field is `[3] EXPLICIT Certificate OPTIONAL`.
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const PEER = 0xa3;

const openSslSessions = typeof process.versions.openssl === 'string' && /^[3-9]\./.test(process.versions.openssl) && !('electron' in process.versions);

/** `session` without its peer certificate; `session` itself when it holds none, or when in doubt. */
export function withoutPeerCertificate(session: Buffer, enabled = openSslSessions): Buffer {
  if (!enabled) return session;
  const outer = readHeader(session, 0);
  if (outer === undefined || outer.tag !== SEQUENCE || outer.end !== session.length) return session;
  const kept: Buffer[] = [];
  let dropped = false;
  let at = outer.contentStart;
  let first = true;
  while (at < outer.end) {
    const element = readHeader(session, at);
    if (element === undefined || element.end > outer.end) return session;
    // The first field is the format's version (an INTEGER): anything else is not a session we know.
    if (first && element.tag !== INTEGER) return session;
    first = false;
    if (element.tag === PEER) {
      if (dropped) return session;
      dropped = true;
    } else {
      kept.push(session.subarray(at, element.end));
    }
    at = element.end;
  }
  if (!dropped) return session;
  const content = Buffer.concat(kept);
  return Buffer.concat([Buffer.from([SEQUENCE]), derLength(content.length), content]);
}

interface Header {
  readonly tag: number;
  readonly contentStart: number;
  readonly end: number;
}

/** A DER element's tag and extent at `at`: single-byte tags and definite lengths of up to 4 bytes only. */
function readHeader(bytes: Buffer, at: number): Header | undefined {
  if (at + 2 > bytes.length) return undefined;
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // a multi-byte tag: not in this format
  const first = bytes[at + 1]!;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = at + 2;
  } else {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || at + 2 + count > bytes.length) return undefined; // indefinite or huge
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i]!;
    contentStart = at + 2 + count;
  }
  const end = contentStart + length;
  return end <= bytes.length ? { tag, contentStart, end } : undefined;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
