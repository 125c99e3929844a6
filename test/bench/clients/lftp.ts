// lftp as a reference client. The script goes through stdin, which lftp reads when it has
// no arguments (keeps the password out of
// argv). Settings make failures fail fast instead of lftp's default of retrying for ages,
// which would be timed as "slow" rather than reported as broken.
import type { BenchClient, BenchSite } from '../types';
import { runCommand } from './command';

const TIMEOUT_MS = 30 * 60_000;

/** lftp double-quoted argument; the bench never needs quotes or line breaks in names. */
function q(value: string): string {
  if (/["\r\n\\]/.test(value)) throw new Error(`unsupported character for lftp script: ${JSON.stringify(value)}`);
  return `"${value}"`;
}

function script(site: BenchSite, command: string): string {
  return [
    `set ssl:ca-file ${q(site.caPath)}`,
    'set ssl:verify-certificate yes',
    'set ftp:ssl-force yes', // AUTH TLS or nothing
    'set ftp:ssl-protect-data yes', // PROT P
    'set ftp:ssl-protect-list yes',
    'set net:max-retries 2',
    'set net:timeout 30',
    'set net:reconnect-interval-base 1',
    'set cmd:fail-exit yes', // non-zero exit on the first failed command
    'set xfer:clobber yes',
    `open -u ${q(site.user)},${q(site.password)} ftp://${site.host}:${site.port}`,
    command,
    '',
  ].join('\n');
}

const run = (site: BenchSite, command: string) =>
  runCommand(['lftp'], { stdin: script(site, command), timeoutMs: TIMEOUT_MS });

/**
 * parallel: connections `mirror` uses. The parallel=1 variant exists only as a tree
 * reference row (the issue's ~49 s figure), so it leaves out the single-file methods.
 */
export function lftpClient(site: BenchSite, parallel: number): BenchClient {
  const mirrors = {
    mirrorDown: (remoteDir: string, localDir: string) =>
      run(site, `mirror --parallel=${parallel} ${q(remoteDir)} ${q(localDir)}`),
    mirrorUp: (localDir: string, remoteDir: string) =>
      run(site, `mirror --reverse --parallel=${parallel} ${q(localDir)} ${q(remoteDir)}`),
  };
  if (parallel !== 4) {
    return { name: `lftp-p${parallel}`, role: 'peer', note: `lftp mirror --parallel=${parallel}`, ...mirrors };
  }
  return {
    name: 'lftp',
    role: 'peer',
    note: 'lftp get/put for big files, mirror --parallel=4 for trees',
    download: (remoteFile, localFile) => run(site, `get ${q(remoteFile)} -o ${q(localFile)}`),
    upload: (localFile, remoteFile) => run(site, `put ${q(localFile)} -o ${q(remoteFile)}`),
    ...mirrors,
  };
}
