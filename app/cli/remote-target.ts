import { parseFtpUrl, type FtpUrl } from './ftp-url';

/** A remote place named on the command line: a URL, or a saved site and a path on it. */
export type RemoteTarget =
  | { readonly kind: 'url'; readonly url: FtpUrl; readonly path: string }
  | { readonly kind: 'site'; readonly site: string; readonly path: string | undefined };

/**
 * Parses `ftpes://user@host/path` (see parseFtpUrl) or `SITE-NAME:/path` for a saved site
 * (by name or id). A site's path may be relative to its remote folder, or empty for it.
 */
export function parseRemoteTarget(text: string): RemoteTarget {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const url = parseFtpUrl(text);
    return { kind: 'url', url, path: url.path };
  }
  const colon = text.indexOf(':');
  if (colon <= 0) throw new Error(`Not a remote place: ${text} (expected ftpes://host/path or SITE-NAME:/path)`);
  const path = text.slice(colon + 1);
  if (/[\r\n\0]/.test(path)) throw new Error('The path contains a line break or NUL character');
  return { kind: 'site', site: text.slice(0, colon), path: path === '' ? undefined : path };
}

