// Standalone micro measurement for the listing targets: parse a 100,000-entry MLSD
// reply and a 100,000-entry Unix LIST reply in < 100 ms each. Each run parses the listing
// twice — once as one string (parseList) and once as 64 KiB Buffer chunks through
// createListingParser, the way the engine feeds socket data — and both are timed separately.
// CPU time (process.cpuUsage) is reported next to wall time because the bench machine is
// shared: another process stealing the core inflates wall time but not our CPU time.
//
//   npx tsx test/bench/micro/listing-parse.ts [entries] [runs]
import { pathToFileURL } from 'node:url';
import { createListingParser, parseList, type ListingResult } from '../../../main/ftp/listing/index';
import { collectGarbage } from '../collect-garbage';

export type ListingKind = 'mlsd' | 'unix';

export interface ListingParseMeasurement {
  /** Median wall time of one whole-string parse, ms. */
  medianMs: number;
  /** Median CPU time (user + system) of one whole-string parse, ms. */
  cpuMs: number;
  /** Entries parsed (validated against the input). */
  entries: number;
  /** The same two medians for 64 KiB Buffer chunks. */
  chunked: { medianMs: number; cpuMs: number };
}

/** A fixed "now" so LIST dates without a year land in the same year on every run. */
const NOW = Date.UTC(2026, 11, 15, 12, 0, 0);
const CHUNK_BYTES = 64 * 1024;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Deterministic pseudo-random numbers (mulberry32) so every run parses the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Every 10th entry a folder, every 25th a symlink; the rest files with varied sizes and dates. */
function entryShape(i: number): 'file' | 'dir' | 'symlink' {
  if (i % 25 === 7) return 'symlink';
  if (i % 10 === 3) return 'dir';
  return 'file';
}

/** A listing of `entries` lines in the given format, CRLF line ends as servers send them. */
export function generateListing(kind: ListingKind, entries: number): string {
  const next = random(0x5eed + (kind === 'mlsd' ? 1 : 2));
  const lines: string[] = [];
  if (kind === 'mlsd') {
    lines.push('type=cdir;modify=20261121064512;perm=flcdmpe;unix.mode=0755; .');
    lines.push('type=pdir;modify=20261101000000;perm=flcdmpe;unix.mode=0755; ..');
  } else {
    lines.push(`total ${entries * 8}`);
  }
  for (let i = 0; i < entries; i++) {
    const shape = entryShape(i);
    const size = Math.floor(next() * 50_000_000);
    const month = 1 + Math.floor(next() * 11); // Jan–Nov: never after NOW's month, so no year rollover noise
    const day = 1 + Math.floor(next() * 28);
    const hour = Math.floor(next() * 24);
    const minute = Math.floor(next() * 60);
    const name = shape === 'dir' ? `dir-${pad(i, 6)}` : shape === 'symlink' ? `link-${pad(i, 6)}` : `file-${pad(i, 6)}.txt`;
    if (kind === 'mlsd') {
      const second = Math.floor(next() * 60);
      const modify = `2026${pad(month, 2)}${pad(day, 2)}${pad(hour, 2)}${pad(minute, 2)}${pad(second, 2)}`;
      const unique = `${(0x800 + i).toString(16)}g${(i * 2654435761 >>> 0).toString(16)}`;
      if (shape === 'dir') lines.push(`type=dir;modify=${modify};perm=flcdmpe;unix.mode=0755;unix.owner=ftp;unix.group=ftp;unique=${unique}; ${name}`);
      else if (shape === 'symlink') lines.push(`type=OS.unix=slink:/srv/target-${i};modify=${modify};perm=adfrw;unix.mode=0777;unix.owner=ftp;unix.group=ftp;unique=${unique}; ${name}`);
      else lines.push(`type=file;size=${size};modify=${modify};perm=adfrw;unix.mode=0644;unix.owner=ftp;unix.group=ftp;unique=${unique}; ${name}`);
    } else {
      // Every 7th entry is older than six months, which `ls` prints with a year instead of a time.
      const when = i % 7 === 5 ? ` ${2000 + (i % 25)}` : `${pad(hour, 2)}:${pad(minute, 2)}`;
      const date = `${MONTHS[month - 1] ?? 'Jan'} ${String(day).padStart(2, ' ')} ${when}`;
      const sizeText = String(shape === 'dir' ? 4096 : size).padStart(12, ' ');
      if (shape === 'dir') lines.push(`drwxr-xr-x    2 ftp      ftp  ${sizeText} ${date} ${name}`);
      else if (shape === 'symlink') lines.push(`lrwxrwxrwx    1 ftp      ftp  ${sizeText} ${date} ${name} -> /srv/target-${i}`);
      else lines.push(`-rw-r--r--    1 ftp      ftp  ${sizeText} ${date} ${name}`);
    }
  }
  // One join, ending in CRLF: a flat string like a decoder's output (appending `\r\n` to the
  // joined text would hand the parser a rope, which reads measurably slower char by char).
  lines.push('');
  return lines.join('\r\n');
}

/** The listing as 64 KiB Buffers; chunk edges fall mid-line, as socket reads do. */
function toChunks(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

export function parseWhole(kind: ListingKind, text: string): ListingResult {
  return parseList(text, { format: kind === 'mlsd' ? 'mlsd' : 'list', now: NOW });
}

function parseChunks(kind: ListingKind, chunks: readonly Buffer[]): ListingResult {
  const parser = createListingParser({ format: kind === 'mlsd' ? 'mlsd' : 'list', now: NOW });
  for (const chunk of chunks) parser.push(chunk);
  return parser.end();
}

/** Throws unless the result has every entry with the fields the generator wrote. */
export function check(kind: ListingKind, result: ListingResult, entries: number): void {
  const fail = (what: string): never => {
    throw new Error(`${kind} listing parse is wrong: ${what}`);
  };
  if (result.entries.length !== entries) fail(`${result.entries.length} entries, expected ${entries}`);
  if (result.unparsedCount !== 0) fail(`${result.unparsedCount} unparsed lines, e.g. ${JSON.stringify(result.unparsed[0])}`);
  if (result.format !== kind) fail(`format ${String(result.format)}`);
  for (const i of [0, 3, 7, entries - 1].filter((k) => k >= 0 && k < entries)) {
    const entry = result.entries[i];
    if (entry === undefined) return fail(`entry ${i} missing`);
    const shape = entryShape(i);
    const name = shape === 'dir' ? `dir-${pad(i, 6)}` : shape === 'symlink' ? `link-${pad(i, 6)}` : `file-${pad(i, 6)}.txt`;
    if (entry.name !== name) fail(`entry ${i} name ${JSON.stringify(entry.name)}, expected ${name}`);
    if (entry.kind !== shape) fail(`entry ${i} kind ${entry.kind}, expected ${shape}`);
    if (typeof entry.modified !== 'number' || !Number.isFinite(entry.modified)) fail(`entry ${i} has no modified time`);
    if (shape === 'file' && (typeof entry.size !== 'number' || entry.size < 0)) fail(`entry ${i} has no size`);
    if (shape === 'symlink' && entry.linkTarget !== `/srv/target-${i}`) fail(`entry ${i} link target ${String(entry.linkTarget)}`);
    if (entry.permissions === undefined || entry.unsafe !== undefined) fail(`entry ${i} permissions/unsafe`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Wall and CPU ms of one call, on a collected heap (see collect-garbage.ts). */
function timed(run: () => void): { wallMs: number; cpuMs: number } {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Parses a generated `entries`-line listing `runs` times each way after `warmups` untimed
 * runs, checking every result; returns the medians.
 */
export function measureListingParse(kind: ListingKind, entries = 100_000, runs = 9, warmups = 3): ListingParseMeasurement {
  const text = generateListing(kind, entries);
  const chunks = toChunks(text);
  for (let i = 0; i < warmups; i++) {
    check(kind, parseWhole(kind, text), entries);
    check(kind, parseChunks(kind, chunks), entries);
  }
  const whole = { wall: [] as number[], cpu: [] as number[] };
  const chunked = { wall: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < runs; i++) {
    let result: ListingResult | undefined;
    const a = timed(() => {
      result = parseWhole(kind, text);
    });
    if (result !== undefined) check(kind, result, entries);
    whole.wall.push(a.wallMs);
    whole.cpu.push(a.cpuMs);
    result = undefined;
    const b = timed(() => {
      result = parseChunks(kind, chunks);
    });
    if (result !== undefined) check(kind, result, entries);
    chunked.wall.push(b.wallMs);
    chunked.cpu.push(b.cpuMs);
  }
  return {
    medianMs: median(whole.wall),
    cpuMs: median(whole.cpu),
    entries,
    chunked: { medianMs: median(chunked.wall), cpuMs: median(chunked.cpu) },
  };
}

function main(): void {
  const entries = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 9);
  if (!Number.isInteger(entries) || entries < 1 || !Number.isInteger(runs) || runs < 1) {
    console.error('usage: npx tsx test/bench/micro/listing-parse.ts [entries] [runs]');
    process.exitCode = 2;
    return;
  }
  const fixed = (ms: number): string => ms.toFixed(1).padStart(7);
  console.log(`listing parse, ${entries} entries, median of ${runs} (target < 100 ms)`);
  console.log('format  input        cpu ms  wall ms');
  for (const kind of ['mlsd', 'unix'] as const) {
    const m = measureListingParse(kind, entries, runs);
    console.log(`${kind.padEnd(6)}  string     ${fixed(m.cpuMs)}  ${fixed(m.medianMs)}`);
    console.log(`${kind.padEnd(6)}  64K chunks ${fixed(m.chunked.cpuMs)}  ${fixed(m.chunked.medianMs)}`);
  }
}

// Run directly (not imported by the bench, and not bundled into another entry point).
const entry = process.argv[1];
if (entry !== undefined && /listing-parse\.[cm]?[jt]s$/.test(entry) && import.meta.url === pathToFileURL(entry).href) main();
