// curl as a reference client: one process per big file; trees via curl-mirror.ts.
import type { BenchClient, BenchSite } from '../types';
import { runCommand } from './command';
import { baseConfig, ftpUrl, quote } from './curl-config';
import { curlMirrorDown, curlMirrorUp, CURL_PROCESSES } from './curl-mirror';

const BIG_TIMEOUT_MS = 15 * 60_000;

export function curlClient(site: BenchSite): BenchClient {
  return {
    name: 'curl',
    role: 'peer',
    note: `one process per big file; trees: LIST per level, then ${CURL_PROCESSES} processes each ` +
      'fetching a contiguous share over one connection (curl -Z fails: see README)',
    async download(remoteFile, localFile) {
      const cfg = [...baseConfig(site), `url = ${quote(ftpUrl(site, remoteFile))}`, `output = ${quote(localFile)}`];
      return runCommand(['curl', '-K', '-'], { stdin: cfg.join('\n') + '\n', timeoutMs: BIG_TIMEOUT_MS });
    },
    async upload(localFile, remoteFile) {
      const cfg = [...baseConfig(site), 'ftp-create-dirs',
        `upload-file = ${quote(localFile)}`, `url = ${quote(ftpUrl(site, remoteFile))}`];
      return runCommand(['curl', '-K', '-'], { stdin: cfg.join('\n') + '\n', timeoutMs: BIG_TIMEOUT_MS });
    },
    mirrorDown: (remoteDir, localDir) => curlMirrorDown(site, remoteDir, localDir),
    mirrorUp: (localDir, remoteDir) => curlMirrorUp(site, localDir, remoteDir),
  };
}
