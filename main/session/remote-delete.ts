import type { FtpClient } from '../ftp/client';
import { SluiceError } from '../../shared/errors';
import { joinRemote } from './remote-path';

/**
 * Deletes a remote folder with everything in it, depth first. Links are deleted as
 * links (DELE), never followed (rule 17); names that cannot be addressed safely (`..`,
 * a `/` inside) stop the deletion rather than risk removing something outside the folder.
 */
export async function deleteRemoteTree(client: FtpClient, folder: string): Promise<void> {
  const { entries } = await client.list(folder);
  for (const entry of entries) {
    if (entry.name === '.' || entry.name === '..') continue;
    if (entry.name.includes('/') || entry.name === '') throw new SluiceError('protocol', `Refusing to delete an entry with an unaddressable name in ${folder}: ${JSON.stringify(entry.name)}`);
    const path = joinRemote(folder, entry.name);
    if (entry.kind === 'dir') await deleteRemoteTree(client, path);
    else await client.delete(path);
  }
  await client.rmdir(folder);
}
