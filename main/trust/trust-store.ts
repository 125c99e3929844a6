import { X509Certificate } from 'node:crypto';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SluiceError } from '../../shared/errors';
import type { PinRecord } from '../../shared/services/trust';
import { readFileIfExists, writeFileAtomic } from '../persist/atomic-file';

/**
 * Pinned certificates ("Always trust"), one per host:port, in `trust.json` in the data
 * directory. Every change re-reads the file before writing it, so the app and `sluice cert`
 * running side by side do not undo each other's pins; writes are crash-safe (temp, fsync,
 * rename). A file that is not ours is set aside, never trusted and never overwritten in place.
 */

export const TRUST_FILE = 'trust.json';
const FORMAT = 'sluice-trust';
const VERSION = 1;

const fingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

const pinSchema = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    sha256: fingerprint,
    pem: z.string().max(64 * 1024),
    subject: z.string(),
    issuer: z.string(),
    validTo: z.number(),
    firstSeen: z.number(),
    lastSeen: z.number(),
    decidedBy: z.enum(['dialog', 'cli']),
  })
  // The PEM is what the "changed" dialog shows as the old certificate: it must be the pinned one.
  .refine((pin) => pemFingerprint(pin.pem) === pin.sha256, 'The PEM is not the pinned certificate');

const fileSchema = z.object({ format: z.literal(FORMAT), version: z.literal(VERSION), pins: z.array(pinSchema) });

function pemFingerprint(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

/** The store's key for a host: case-insensitive, IPv6 without brackets. */
export function hostKey(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

const samePlace = (pin: PinRecord, host: string, port: number): boolean => pin.host === hostKey(host) && pin.port === port;

const byHostThenPort = (a: PinRecord, b: PinRecord): number => (a.host === b.host ? a.port - b.port : a.host < b.host ? -1 : 1);

export interface TrustStoreOptions {
  /** Told when a damaged file was set aside (for the log); the store goes on empty. */
  readonly onProblem?: (message: string) => void;
  readonly now?: () => number;
}

/** The pins file of one data directory. */
export class TrustStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    readonly file: string,
    private readonly options: TrustStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The store of a data directory (`<dataDir>/trust.json`). */
  static inDataDir(dataDir: string, options: TrustStoreOptions = {}): TrustStore {
    return new TrustStore(path.join(dataDir, TRUST_FILE), options);
  }

  /** Every pin, sorted by host then port. */
  list(): Promise<PinRecord[]> {
    return this.serial(() => this.read());
  }

  /** The pin for host:port, if any. */
  async get(host: string, port: number): Promise<PinRecord | undefined> {
    return (await this.list()).find((pin) => samePlace(pin, host, port));
  }

  /** Pins a certificate for its host:port, replacing any earlier pin there; resolves to every pin. */
  put(pin: PinRecord): Promise<PinRecord[]> {
    const parsed = pinSchema.safeParse({ ...pin, host: hostKey(pin.host) });
    if (!parsed.success) return Promise.reject(new SluiceError('invalid-argument', `Not a pin: ${parsed.error.issues[0]?.message ?? 'bad shape'}`));
    const record = parsed.data;
    return this.change((pins) => [...pins.filter((other) => !samePlace(other, record.host, record.port)), record]).then((result) => result.pins);
  }

  /** Forgets the pin of host:port; false when there was none. */
  async remove(host: string, port: number): Promise<boolean> {
    return (await this.change((pins) => pins.filter((pin) => !samePlace(pin, host, port)))).changed;
  }

  /** Records that the pinned certificate `sha256` was seen now; writes at most once per `minIntervalMs`. */
  async touch(host: string, port: number, sha256: string, minIntervalMs = 60_000): Promise<boolean> {
    const at = this.now();
    const result = await this.change((pins) =>
      pins.map((pin) => (samePlace(pin, host, port) && pin.sha256 === sha256 && at - pin.lastSeen >= minIntervalMs ? { ...pin, lastSeen: at } : pin)),
    );
    return result.changed;
  }

  private async change(edit: (pins: PinRecord[]) => PinRecord[]): Promise<{ changed: boolean; pins: PinRecord[] }> {
    return this.serial(async () => {
      const before = await this.read();
      const after = edit(before).sort(byHostThenPort);
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      if (changed) await writeFileAtomic(this.file, `${JSON.stringify({ format: FORMAT, version: VERSION, pins: after }, null, 2)}\n`);
      return { changed, pins: after };
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<PinRecord[]> {
    const text = await readFileIfExists(this.file);
    if (text === undefined) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.setAside('is not JSON');
    }
    const version = (json as { format?: unknown; version?: unknown } | null)?.version;
    if ((json as { format?: unknown } | null)?.format === FORMAT && typeof version === 'number' && version > VERSION) {
      // A newer Sluice wrote it: refuse rather than set aside pins a person decided on.
      throw new SluiceError('unsupported', `${this.file} was written by a newer Sluice (format ${version}); update Sluice to use its pins`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) return this.setAside(`is not a Sluice trust store (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
    return parsed.data.pins.sort(byHostThenPort);
  }

  private async setAside(why: string): Promise<PinRecord[]> {
    const aside = `${this.file}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, aside);
    this.options.onProblem?.(`${this.file} ${why}; it was moved to ${aside} and no certificate is pinned now`);
    return [];
  }
}
