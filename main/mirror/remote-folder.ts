import type { FtpClient } from '../ftp/client';
import { isFtpError } from '../ftp/errors';
import { joinRemote, remoteParent } from '../session/remote-path';

/**
 * Makes sure the remote folder `folder` exists: MKD, and when the server refuses (550 "exists"
 * looks the same as 550 "denied"), checks that a folder is really there. Resolves true when it
 * was created.
 */
export async function ensureRemoteFolder(client: FtpClient, folder: string): Promise<boolean> {
  try {
    await client.mkdir(folder);
    return true;
  } catch (error) {
    if (!isFtpError(error, 'command-failed') || error.code === undefined || error.code < 500) throw error;
    if (await isRemoteFolder(client, folder)) return false;
    throw error;
  }
}

/** MKD of every missing folder on the way to `folder` (`mkdir -p`); resolves how many were created. */
export async function makeRemotePath(client: FtpClient, folder: string): Promise<number> {
  if (folder === '/' || folder === '' || (await isRemoteFolder(client, folder))) return 0;
  const parent = remoteParent(folder);
  const created = parent === null ? 0 : await makeRemotePath(client, parent);
  return created + ((await ensureRemoteFolder(client, folder)) ? 1 : 0);
}

/** True when `path` is a folder on the server: MLST when offered, else its parent's listing. */
export async function isRemoteFolder(client: FtpClient, path: string): Promise<boolean> {
  if (client.features.has('MLST')) {
    return client.mlst(path).then(
      (entry) => entry.kind === 'dir',
      () => false,
    );
  }
  const trimmed = path.replace(/\/+$/, '');
  const parent = remoteParent(trimmed);
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  const listing = await client.list(parent ?? '.').catch(() => undefined);
  return listing?.entries.some((entry) => entry.name === name && entry.kind === 'dir') ?? false;
}

// How servers refuse to list a folder that is not there: 550 (proftpd, and most), 450 (LIST on
// some), 501 (RFC 3659 §7.2's reply to an MLSD of something not a folder; pyftpdlib).
const NOT_THERE_CODES = new Set([450, 501, 550]);

/**
 * True when a listing failed because the server has no such folder to list. Not when the
 * connection, TLS or a cap failed it: those say nothing about the folder.
 */
export function isFolderNotThere(error: unknown): boolean {
  return isFtpError(error, 'command-failed') && error.code !== undefined && NOT_THERE_CODES.has(error.code);
}

/** `folder/name` for remote paths (always `/`, whatever the local OS). */
export function remoteChild(folder: string, name: string): string {
  return joinRemote(folder, name);
}
