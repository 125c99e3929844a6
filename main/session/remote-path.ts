/**
 * Remote paths are POSIX-style whatever the local OS is (RFC 959 leaves them to the
 * server, and every server Sluice targets uses `/`). Never use node:path for them: on
 * Windows it would write backslashes into FTP commands.
 */

/** Joins a folder and one name. */
export function joinRemote(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** The folder holding `path`, or null for the root. */
export function remoteParent(path: string): string | null {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed === '/' || !trimmed.includes('/')) return null;
  const cut = trimmed.lastIndexOf('/');
  return cut === 0 ? '/' : trimmed.slice(0, cut);
}
