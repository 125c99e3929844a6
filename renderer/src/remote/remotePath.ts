/**
 * Remote paths are POSIX-like whatever the server's OS: the session service hands out
 * absolute `/`-separated paths, and names are single segments (security rule 16).
 */

/** `folder` + `name`, without doubling the slash at the root. */
export function joinRemote(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** The folder holding `path`, or null at the root. */
export function remoteParent(path: string): string | null {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed === '/' || trimmed === '') return null;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return null;
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}
