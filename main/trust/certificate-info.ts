import { createHash, X509Certificate } from 'node:crypto';
import type { CertificateDetails, DistinguishedName } from '../../shared/services/trust';
import { signatureAlgorithmName } from './signature-algorithm';

/**
 * What a person reads about one certificate (security rule 8), built from the DER with
 * `crypto.X509Certificate` so that every field comes from OpenSSL's own parser.
 */

const FIELDS: Readonly<Record<string, keyof Omit<DistinguishedName, 'text'>>> = {
  CN: 'commonName',
  O: 'organization',
  OU: 'organizationalUnit',
  C: 'country',
  ST: 'state',
  L: 'locality',
  emailAddress: 'email',
};

/** Splits Node's multi-line name (`KEY=value` per line) into fields; repeated fields are joined with ", ". */
export function parseDistinguishedName(text: string): DistinguishedName {
  const fields: { -readonly [K in keyof DistinguishedName]?: string } = {};
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const field = FIELDS[line.slice(0, equals)];
    if (field === undefined) continue;
    const value = line.slice(equals + 1);
    fields[field] = fields[field] === undefined ? value : `${fields[field]}, ${value}`;
  }
  return { ...fields, text };
}

/**
 * Splits Node's `subjectAltName` ("DNS:a, IP Address:1.2.3.4"). Node JSON-quotes a value
 * that holds a comma (CVE-2021-44532), so a naive split on ", " could be fooled by a name.
 */
export function splitAltNames(text: string | undefined): string[] {
  const names: string[] = [];
  let rest = text ?? '';
  while (rest.length > 0) {
    const colon = rest.indexOf(':');
    if (colon < 0) break;
    const type = rest.slice(0, colon);
    let value: string;
    let after: string;
    if (rest[colon + 1] === '"') {
      const close = closingQuote(rest, colon + 1);
      try {
        value = JSON.parse(rest.slice(colon + 1, close + 1)) as string;
      } catch {
        value = rest.slice(colon + 2, close);
      }
      after = rest.slice(close + 1);
    } else {
      const comma = rest.indexOf(', ', colon);
      value = rest.slice(colon + 1, comma < 0 ? undefined : comma);
      after = comma < 0 ? '' : rest.slice(comma);
    }
    names.push(`${type}:${value}`);
    rest = after.replace(/^, /, '');
  }
  return names;
}

function closingQuote(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  return text.length - 1;
}

/** Upper-case hex pairs joined by colons, as X509Certificate prints fingerprints. */
export function colonHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

/** The key's type and strength; EC strength is the curve's size, read from its name (prime256v1 → 256). */
export function keyStrength(x509: X509Certificate): { keyType: string; keyBits?: number; curve?: string } {
  const key = x509.publicKey;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (details.modulusLength !== undefined) return { keyType, keyBits: details.modulusLength };
  if (details.namedCurve !== undefined) {
    const bits = /(\d{3})/.exec(details.namedCurve)?.[1];
    return bits === undefined ? { keyType, curve: details.namedCurve } : { keyType, keyBits: Number(bits), curve: details.namedCurve };
  }
  if (keyType === 'ed25519') return { keyType, keyBits: 256 };
  if (keyType === 'ed448') return { keyType, keyBits: 448 };
  return { keyType };
}

/**
 * True when the certificate names itself as issuer and its own key verifies its signature.
 * Not `checkIssued(self)`: that also demands keyCertSign, which a self-signed server
 * certificate with a leaf's key usage lacks — OpenSSL still calls it self-signed.
 */
export function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.subject === x509.issuer && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/** A time as printed by X509Certificate ("Mar 28 10:43:03 2025 GMT") in milliseconds. */
function timeOf(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`Unreadable certificate date: ${text}`);
  return ms;
}

/** Every field of one certificate, from its DER (or PEM). */
export function certificateDetails(certificate: Buffer | string): CertificateDetails {
  const x509 = new X509Certificate(certificate);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    subject: parseDistinguishedName(x509.subject),
    issuer: parseDistinguishedName(x509.issuer),
    subjectAltNames: splitAltNames(x509.subjectAltName),
    validFrom: timeOf(x509.validFrom),
    validTo: timeOf(x509.validTo),
    serialNumber: x509.serialNumber,
    sha256: x509.fingerprint256,
    sha1: x509.fingerprint,
    ...keyStrength(x509),
    publicKeySha256: colonHex(createHash('sha256').update(spki).digest()),
    signatureAlgorithm: signatureAlgorithmName(x509.raw),
    selfSigned: isSelfSigned(x509),
    isCa: x509.ca,
    pem: x509.toString(),
  };
}

/** Splits a PEM bundle into its certificates (a `--ca` file often holds several). */
export function splitPemBundle(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
