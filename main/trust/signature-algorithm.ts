/**
 * The certificate's signature algorithm, read from the DER: Node 20's X509Certificate does
 * not expose it, and the dialog must flag SHA-1 and MD5 signatures (security rule 8).
 *
 *   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, … }, … }
 *
 * Only the few DER steps needed for that path are read; anything unexpected yields 'unknown'.
 */

const NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;

interface Tlv {
  readonly tag: number;
  /** Where the value starts and ends (exclusive). */
  readonly start: number;
  readonly end: number;
}

/** One DER tag-length-value at `offset`; undefined when it is not well-formed. */
function readTlv(der: Uint8Array, offset: number): Tlv | undefined {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) return undefined;
  let cursor = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    // Certificates are far smaller than 2^32 bytes; longer length fields are not DER we read.
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let index = 0; index < count; index++) {
      lengthByte = der[cursor++];
      if (lengthByte === undefined) return undefined;
      length = length * 256 + lengthByte;
    }
  }
  const end = cursor + length;
  return end <= der.length ? { tag, start: cursor, end } : undefined;
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes. */
export function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** The signatureAlgorithm OID of a DER certificate, dotted; undefined if the DER is not a certificate. */
export function signatureAlgorithmOid(der: Uint8Array): string | undefined {
  const certificate = readTlv(der, 0);
  if (certificate?.tag !== SEQUENCE) return undefined;
  const tbs = readTlv(der, certificate.start);
  if (tbs?.tag !== SEQUENCE) return undefined;
  const algorithm = readTlv(der, tbs.end);
  if (algorithm?.tag !== SEQUENCE) return undefined;
  const oid = readTlv(der, algorithm.start);
  if (oid?.tag !== OBJECT_IDENTIFIER) return undefined;
  return decodeOid(der.subarray(oid.start, oid.end));
}

/** The signature algorithm's common name (OpenSSL's spelling), the dotted OID if unknown, or 'unknown'. */
export function signatureAlgorithmName(der: Uint8Array): string {
  const oid = signatureAlgorithmOid(der);
  if (oid === undefined) return 'unknown';
  return NAMES[oid] ?? oid;
}

/** True for signatures over SHA-1, MD5 or MD2: collisions can be made, so the signature proves little. */
export function isWeakSignature(name: string): boolean {
  return /^(md2|md5|sha1)With|-with-SHA1$/i.test(name);
}
