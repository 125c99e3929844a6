import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';

/** Why a certificate is not trusted by chain and name (security rule 7). */
export type UntrustedReason =
  | 'unknown-issuer'
  | 'self-signed'
  | 'expired'
  | 'not-yet-valid'
  | 'name-mismatch'
  | 'weak-key'
  | 'weak-signature'
  | 'invalid-chain';

/** A distinguished name, field by field (each may repeat, e.g. several OUs). */
export interface DistinguishedName {
  readonly commonName?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly country?: string;
  readonly state?: string;
  readonly locality?: string;
  readonly email?: string;
  /** The whole name as OpenSSL prints it, one `KEY=value` per line. */
  readonly text: string;
}

/** One certificate of a chain, as a person reads it in the certificate dialog. */
export interface CertificateDetails {
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** `DNS:example.com`, `IP Address:127.0.0.1`… */
  readonly subjectAltNames: readonly string[];
  /** Milliseconds since the epoch. */
  readonly validFrom: number;
  readonly validTo: number;
  readonly serialNumber: string;
  /** Upper-case hex pairs joined by colons, as FileZilla and browsers show them. */
  readonly sha256: string;
  readonly sha1: string;
  /** `rsa`, `ec`, `ed25519`… */
  readonly keyType: string;
  readonly keyBits?: number;
  readonly curve?: string;
  /** SHA-256 of the SubjectPublicKeyInfo: tells a renewed certificate with the same key. */
  readonly publicKeySha256: string;
  readonly signatureAlgorithm: string;
  readonly selfSigned: boolean;
  readonly isCa: boolean;
  readonly pem: string;
}

/** A server's certificate chain with the connection it came on and the verdict on it. */
export interface CertificateInfo {
  readonly host: string;
  readonly port: number;
  /** Leaf first. */
  readonly chain: readonly CertificateDetails[];
  readonly tlsVersion: string;
  readonly cipher: string;
  /** Empty when the chain verifies to a trusted root and the name matches. */
  readonly reasons: readonly UntrustedReason[];
}

/** Who decided to pin a certificate. */
export type PinSource = 'dialog' | 'cli';

/** A certificate pinned for host:port ("Always trust"). */
export interface PinRecord {
  readonly host: string;
  readonly port: number;
  readonly sha256: string;
  readonly pem: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validTo: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly decidedBy: PinSource;
}

/** The certificate trust store, as the UI and the CLI see it. */
export interface TrustService {
  /** Every pinned certificate, sorted by host then port. */
  listPins(): Promise<PinRecord[]>;
  /** Forgets a pin; the next connection asks again. */
  removePin(host: string, port: number): Promise<void>;
  onDidChangePins(listener: (pins: readonly PinRecord[]) => void): Unsubscribe;
}

const hostSchema = z.string().min(1).max(253).regex(/^[^\s/\\\0]+$/, 'Not a host name');
const portSchema = z.number().int().min(1).max(65535);

export const trustContract = defineContract<TrustService>({
  name: 'trust',
  methods: {
    listPins: z.tuple([]),
    removePin: z.tuple([hostSchema, portSchema]),
  },
  events: { onDidChangePins: true },
});

export { hostSchema, portSchema };
