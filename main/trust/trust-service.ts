import type { Unsubscribe } from '../../shared/contract/service';
import type { CertificateInfo, PinRecord, PinSource, TrustService } from '../../shared/services/trust';
import type { ServerCertificateCheck } from '../ftp/certificate';
import { Emitter } from '../events';
import { trustAnchors, type TrustAnchors } from './anchors';
import { certificateInfo } from './verify';
import type { TrustStore } from './trust-store';

/** How a server's certificate stands: by chain and name, by pin, or neither. */
export type TrustStatus = 'trusted' | 'pinned' | 'unknown' | 'changed';

/** The decision input for one connection. */
export interface TrustEvaluation {
  readonly info: CertificateInfo;
  readonly status: TrustStatus;
  /** The pin the new certificate differs from (status 'changed'). */
  readonly previous?: PinRecord;
}

export interface CertificateTrustOptions {
  readonly store: TrustStore;
  /** Extra roots (PEM) besides Node's and the system's, e.g. the CLI's `--ca`. */
  readonly extraCa?: readonly string[];
  /** Replaces the roots entirely (tests). */
  readonly anchors?: TrustAnchors;
  readonly now?: () => number;
}

/**
 * The trust store as the UI sees it (TrustService) and as the engine uses it: the verdict
 * on a server (security rules 7 and 9), pinning, and "trust once" remembered for the run.
 */
export class CertificateTrust implements TrustService {
  private readonly changes = new Emitter<readonly PinRecord[]>();
  /** "Trust once" lasts for the rest of the program run for host:port and that exact certificate, as in FileZilla. */
  private readonly trustedOnce = new Set<string>();
  private readonly anchors: TrustAnchors;
  private readonly now: () => number;

  readonly onDidChangePins: (listener: (pins: readonly PinRecord[]) => void) => Unsubscribe = this.changes.subscribe;

  constructor(private readonly options: CertificateTrustOptions) {
    this.anchors = options.anchors ?? trustAnchors(options.extraCa);
    this.now = options.now ?? Date.now;
  }

  /** Every pinned certificate, sorted by host then port. */
  listPins(): Promise<PinRecord[]> {
    return this.options.store.list();
  }

  /** Forgets a pin; the next connection asks again. */
  async removePin(host: string, port: number): Promise<void> {
    if (await this.options.store.remove(host, port)) this.changes.fire(await this.options.store.list());
  }

  /**
   * The verdict on a server. A pin for host:port outranks the chain: a pinned host whose
   * certificate changed is 'changed' even when the new one chains to a trusted root, because
   * rule 9 says a changed pin is never accepted silently.
   */
  async evaluate(check: ServerCertificateCheck): Promise<TrustEvaluation> {
    const info = certificateInfo(check, this.anchors, this.now());
    const leaf = info.chain[0];
    const pin = await this.options.store.get(check.host, check.port);
    if (pin !== undefined && leaf !== undefined) {
      return leaf.sha256 === pin.sha256 ? { info, status: 'pinned' } : { info, status: 'changed', previous: pin };
    }
    return { info, status: info.reasons.length === 0 ? 'trusted' : 'unknown' };
  }

  /** Pins the leaf of `info` for its host:port ("Always trust"), replacing an earlier pin. */
  async pin(info: CertificateInfo, decidedBy: PinSource): Promise<PinRecord> {
    const leaf = info.chain[0];
    if (leaf === undefined) throw new Error('There is no certificate to pin');
    const at = this.now();
    const record: PinRecord = {
      host: info.host,
      port: info.port,
      sha256: leaf.sha256,
      pem: leaf.pem,
      subject: leaf.subject.text,
      issuer: leaf.issuer.text,
      validTo: leaf.validTo,
      firstSeen: at,
      lastSeen: at,
      decidedBy,
    };
    const pins = await this.options.store.put(record);
    this.changes.fire(pins);
    return pins.find((pin) => pin.sha256 === record.sha256 && pin.port === record.port) ?? record;
  }

  /** Notes a successful connection with the pinned certificate (the "last seen" a person reads). */
  async touch(info: CertificateInfo): Promise<void> {
    const leaf = info.chain[0];
    if (leaf !== undefined && (await this.options.store.touch(info.host, info.port, leaf.sha256))) this.changes.fire(await this.options.store.list());
  }

  /** Remembers "trust once" for this host:port and certificate until the program ends. */
  rememberOnce(info: CertificateInfo): void {
    const key = onceKey(info);
    if (key !== undefined) this.trustedOnce.add(key);
  }

  /** True when a person already said "trust once" to exactly this certificate on this host:port. */
  wasTrustedOnce(info: CertificateInfo): boolean {
    const key = onceKey(info);
    return key !== undefined && this.trustedOnce.has(key);
  }
}

function onceKey(info: CertificateInfo): string | undefined {
  const leaf = info.chain[0];
  return leaf === undefined ? undefined : `${info.host.toLowerCase()}:${info.port}#${leaf.sha256}`;
}
