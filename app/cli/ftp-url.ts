import type { TlsMode } from '../../main/ftp/policy';
import { defaultPort } from '../../main/ftp/policy';

/** A server address as the CLI takes it, with FileZilla's schemes. */
export interface FtpUrl {
  readonly mode: TlsMode;
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly password?: string;
  /** The remote path, decoded; `/` when the URL names none. */
  readonly path: string;
}

/** ftpes: explicit TLS, required; ftps: implicit TLS (port 990); ftp: plain, with a warning. */
const modeByScheme: Readonly<Record<string, TlsMode>> = {
  'ftpes:': 'explicit',
  'ftps:': 'implicit',
  'ftp:': 'plain',
};

/** Parses `ftpes://user:pass@host:port/path`; throws a plain-sentence Error on anything else. */
export function parseFtpUrl(text: string): FtpUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`Not a URL: ${text} (expected ftpes://host, ftps://host or ftp://host)`);
  }
  const mode = modeByScheme[url.protocol];
  if (!mode) throw new Error(`Unsupported scheme ${url.protocol} — use ftpes:// (explicit TLS), ftps:// (implicit TLS) or ftp:// (no encryption)`);
  if (!url.hostname) throw new Error(`The URL names no host: ${text}`);
  // WHATWG URL keeps IPv6 brackets in hostname; sockets want the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const parsed: { -readonly [K in keyof FtpUrl]: FtpUrl[K] } = {
    mode,
    host,
    port: url.port ? Number(url.port) : defaultPort(mode),
    path: decodeURIComponent(url.pathname || '/') || '/',
  };
  if (url.username) parsed.user = decodeURIComponent(url.username);
  if (url.password) parsed.password = decodeURIComponent(url.password);
  if (/[\r\n\0]/.test(parsed.path) || /[\r\n\0]/.test(parsed.user ?? '')) throw new Error('The URL contains a line break or NUL character');
  return parsed;
}
