import type { ConnectTarget } from '../../../shared/services/session';
import type { TlsMode } from '../../../shared/services/sites';

/** The quick-connect bar's fields, as typed. */
export interface QuickConnectFields {
  readonly host: string;
  readonly user: string;
  readonly password: string;
  /** Empty: the protocol's default port. */
  readonly port: string;
  readonly tlsMode: TlsMode;
}

export const emptyQuickConnect: QuickConnectFields = { host: '', user: '', password: '', port: '', tlsMode: 'explicit' };

/** The protocol choices, in the order FileZilla users know; the first is the default. */
export const PROTOCOLS: readonly { readonly mode: TlsMode; readonly label: string }[] = [
  { mode: 'explicit', label: 'FTPES – explicit TLS' },
  { mode: 'implicit', label: 'FTPS – implicit TLS' },
  { mode: 'explicit-if-available', label: 'FTP – TLS if available' },
  { mode: 'plain', label: 'FTP – unencrypted' },
];

/** The port a TLS mode uses when none is given. */
export function defaultPort(mode: TlsMode): number {
  return mode === 'implicit' ? 990 : 21;
}

// ftpes:// is explicit TLS; ftps:// is implicit TLS (as in FileZilla and curl);
// a bare ftp:// asks for TLS if the server has it, FileZilla's default for ftp://.
const SCHEMES: Readonly<Record<string, TlsMode>> = { ftpes: 'explicit', ftps: 'implicit', ftp: 'explicit-if-available' };

/**
 * Reads `ftpes://user:password@host:port/path` pasted into the Host field. Returns the
 * fields it fills, or null when the text is not such a URL (a plain host name).
 */
export function parseQuickConnectUrl(text: string): Partial<QuickConnectFields> | null {
  const match = /^\s*(ftpes|ftps|ftp):\/\/(?:([^@/]*)@)?(\[[^\]]+\]|[^:/?#\s]+)(?::(\d{1,5}))?(?:[/?#]\S*)?\s*$/i.exec(text);
  if (!match) return null;
  const [, scheme, credentials, host, port] = match;
  const fields: { -readonly [K in keyof QuickConnectFields]?: QuickConnectFields[K] } = {
    tlsMode: SCHEMES[scheme!.toLowerCase()]!,
    host: host!.replace(/^\[|\]$/g, ''),
    port: port ?? '',
  };
  if (credentials !== undefined) {
    const colon = credentials.indexOf(':');
    fields.user = safeDecode(colon < 0 ? credentials : credentials.slice(0, colon));
    if (colon >= 0) fields.password = safeDecode(credentials.slice(colon + 1));
  }
  return fields;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What is wrong with the fields, or null when they can connect. */
export function quickConnectProblem(fields: QuickConnectFields): string | null {
  if (!fields.host.trim()) return 'Enter a host to connect to.';
  if (/[\s/\\]/.test(fields.host.trim())) return 'The host cannot contain spaces or slashes.';
  if (fields.port.trim() !== '') {
    const port = Number(fields.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return 'The port must be a number from 1 to 65535.';
  }
  return null;
}

/**
 * The session's target for the fields. A blank user logs in as `anonymous` (as FileZilla
 * does); a blank password is asked for by the engine's password prompt.
 */
export function toConnectTarget(fields: QuickConnectFields): ConnectTarget {
  const port = fields.port.trim() === '' ? undefined : Number(fields.port);
  return {
    kind: 'quick',
    host: fields.host.trim(),
    ...(port !== undefined && { port }),
    user: fields.user.trim() || 'anonymous',
    ...(fields.password !== '' && { password: fields.password }),
    tlsMode: fields.tlsMode,
  };
}
