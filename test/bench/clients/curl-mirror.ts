// Recursive transfers with curl, which has no mirror command. Fair to curl, not naive:
// - listing: one curl process per tree level, LISTing every folder of that level in turn;
// - files: CURL_PROCESSES processes at once, each taking a contiguous share of the sorted
//   list over its own control connection (curl reuses it between URLs).
// curl's own parallel mode (-Z) is not used: its parallel transfers share one TLS session
// cache, so a data connection may resume another control connection's session, and vsftpd
// with require_ssl_reuse answers 522 (seen with curl 7.88).
// Beware: with many URLs curl's exit status is the last transfer's only; the harness's
// tree check is what catches the others (e.g. 522s on TLS 1.3 uploads, see README).
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchSite, OpStats } from '../types';
import { runCommand } from './command';
import { baseConfig, ftpUrl, quote } from './curl-config';
import { parseUnixList } from './unix-list';

export const CURL_PROCESSES = 4;
const TREE_TIMEOUT_MS = 30 * 60_000;

/** All of a run's curl processes: the largest RSS among them, and their CPU summed. */
const together = (stats: OpStats[]): OpStats => {
  const values = stats.map((s) => s.peakRssKiB).filter((v): v is number => v !== undefined);
  const cpus = stats.map((s) => s.cpu);
  const combined: OpStats = values.length ? { peakRssKiB: Math.max(...values) } : {};
  if (cpus.length > 0 && cpus.every((c) => c !== undefined)) {
    combined.cpu = { user: cpus.reduce((sum, c) => sum + c.user, 0), system: cpus.reduce((sum, c) => sum + c.system, 0) };
  }
  return combined;
};

const runCurl = (lines: string[]) =>
  runCommand(['curl', '-K', '-'], { stdin: lines.join('\n') + '\n', timeoutMs: TREE_TIMEOUT_MS });

/** Splits items into n contiguous, nearly equal shares (keeps each process in few folders). */
function shares<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / n);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every file below remoteDir, as paths relative to it; one curl process per level. */
async function listRemoteTree(site: BenchSite, remoteDir: string, stats: OpStats[]): Promise<string[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-list-'));
  try {
    const files: string[] = [];
    let level = [''];
    while (level.length) {
      const lines = [...baseConfig(site)];
      level.forEach((rel, i) => {
        lines.push(`url = ${quote(ftpUrl(site, path.posix.join(remoteDir, rel)) + '/')}`);
        lines.push(`output = ${quote(path.join(tmp, `${i}.txt`))}`);
      });
      stats.push(await runCurl(lines));
      const next: string[] = [];
      for (const [i, rel] of level.entries()) {
        for (const e of parseUnixList(await readFile(path.join(tmp, `${i}.txt`), 'utf8'))) {
          (e.isDir ? next : files).push(path.posix.join(rel, e.name));
        }
      }
      level = next;
    }
    return files.sort();
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function curlMirrorDown(site: BenchSite, remoteDir: string, localDir: string): Promise<OpStats> {
  const stats: OpStats[] = [];
  const files = await listRemoteTree(site, remoteDir, stats);
  await mkdir(localDir, { recursive: true });
  stats.push(...await Promise.all(shares(files, CURL_PROCESSES).map((share) => runCurl([
    ...baseConfig(site), 'create-dirs',
    ...share.flatMap((rel) => [
      `url = ${quote(ftpUrl(site, path.posix.join(remoteDir, rel)))}`,
      `output = ${quote(path.join(localDir, rel))}`,
    ]),
  ]))));
  return together(stats);
}

async function listLocalTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export async function curlMirrorUp(site: BenchSite, localDir: string, remoteDir: string): Promise<OpStats> {
  const files = await listLocalTree(localDir);
  // --ftp-create-dirs: MKD each missing folder; a share whose MKD loses a race to another
  // process's falls back to CWD, so shared folders are fine.
  const stats = await Promise.all(shares(files, CURL_PROCESSES).map((share) => runCurl([
    ...baseConfig(site), 'ftp-create-dirs',
    ...share.flatMap((rel) => [
      `upload-file = ${quote(path.join(localDir, rel))}`,
      `url = ${quote(ftpUrl(site, path.posix.join(remoteDir, rel)))}`,
    ]),
  ])));
  return together(stats);
}
