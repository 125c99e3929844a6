// curl config files (`curl -K -`, read from stdin): keeps the password out of argv and
// lets one process take hundreds of URLs without hitting argument-length limits.
import type { BenchSite } from '../types';

/** A double-quoted config value; curl unescapes \\ and \" inside quotes. */
export function quote(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`curl config values cannot hold line breaks: ${JSON.stringify(value)}`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Options every bench invocation shares: TLS required on control and data, CA pinned. */
export function baseConfig(site: BenchSite): string[] {
  return [
    'silent',
    'show-error',
    'ssl-reqd', // AUTH TLS + PROT P, failing rather than falling back to clear text
    `cacert = ${quote(site.caPath)}`,
    `user = ${quote(`${site.user}:${site.password}`)}`,
    'connect-timeout = 20',
  ];
}

/** ftp://host:port/ + a root-relative path, each segment percent-encoded. */
export function ftpUrl(site: BenchSite, remotePath: string): string {
  const encoded = remotePath.split('/').map(encodeURIComponent).join('/');
  return `ftp://${site.host}:${site.port}/${encoded}`;
}
