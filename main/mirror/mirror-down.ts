import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RemoteEntry } from '../../shared/remote-entry';
import { FtpError } from '../ftp/errors';
import { joinRemote } from '../session/remote-path';
import { ensureLocalFolder, localChild, relativeJoin } from './local-folder';
import { MirrorTally } from './mirror-tally';
import { runnerTransfers, type FileTransfers } from './file-transfers';
import type { MirrorOptions, MirrorResult, TaskRunner } from './mirror-types';
import { Outstanding } from './outstanding';
import { isRemoteFolder } from './remote-folder';
import { isUpToDate } from './up-to-date';

/** One folder of the walk: where it is on the server, on disk, and in reports. */
interface Folder {
  readonly remote: string;
  readonly local: string;
  readonly relative: string;
  /** Created by this walk: files go in without checking their final names first (see DownloadFileOptions.freshFolder). */
  readonly fresh: boolean;
}

/**
 * Copies the remote folder `remoteDir` into `localDir`, recursively, over the runner's
 * connections. Listings go first (high priority) so files queue while the walk goes on and
 * every connection stays busy; each download takes size and time from its listing (no SIZE
 * or MDTM round trip). Unsafe names (rule 16), symlinks and other non-files (rule 17) are
 * skipped with a reason; a failed file never leaves anything under its final name (rule 18).
 */
export async function mirrorDown(runner: TaskRunner, remoteDir: string, localDir: string, options: MirrorOptions = {}): Promise<MirrorResult> {
  const walk = new DownWalk(runner, path.resolve(localDir), options);
  return walk.run(remoteDir);
}

class DownWalk {
  private readonly tally: MirrorTally;
  private readonly work = new Outstanding();
  private readonly transfers: FileTransfers;

  constructor(
    private readonly runner: TaskRunner,
    private readonly root: string,
    private readonly options: MirrorOptions,
  ) {
    this.tally = new MirrorTally(options);
    this.transfers = options.transfers ?? runnerTransfers(runner);
  }

  async run(remoteDir: string): Promise<MirrorResult> {
    // The target folder itself is the person's choice, so it may be reached through a link.
    const created = this.options.dryRun === true ? undefined : await mkdir(this.root, { recursive: true });
    this.list({ remote: remoteDir, local: this.root, relative: '', fresh: created !== undefined });
    await this.work.idle();
    this.tally.finishWalk();
    return this.tally.result();
  }

  private list(folder: Folder): void {
    if (this.cancelled(folder.relative || '.')) return;
    const signal = this.options.signal;
    // The top folder on this thread, where it can prove it exists; the ones below wherever there is room.
    const listing = folder.relative === '' ? this.listTop(folder.remote) : this.transfers.list(folder.remote, signal);
    this.work.add(
      listing.then(
        (entries) => {
          this.tally.folder();
          for (const entry of entries) this.consider(folder, entry);
        },
        (error: unknown) => this.tally.fail(folder.relative || '.', error),
      ),
    );
  }

  private async listTop(remote: string): Promise<RemoteEntry[]> {
    const signal = this.options.signal;
    const listing = await this.runner.run(
      async (client) => {
        const result = await client.list(remote, signal === undefined ? {} : { signal });
        // Some servers (vsftpd) list a missing path as empty: an empty top folder must prove it exists.
        if (result.entries.length === 0 && !(await isRemoteFolder(client, remote))) {
          throw new FtpError('command-failed', `${remote} is not a folder on the server`, 'command', 550);
        }
        return result;
      },
      { priority: 'high', ...(signal === undefined ? {} : { signal }) },
    );
    return listing.entries;
  }

  private consider(folder: Folder, entry: RemoteEntry): void {
    if (entry.name === '.' || entry.name === '..') return;
    const relative = relativeJoin(folder.relative, entry.name);
    if (this.tally.excludes(relative, entry.kind === 'dir')) return;
    if (entry.unsafe !== undefined) return this.tally.skip(relative, `unsafe name: ${entry.unsafe}`);
    const local = localChild(this.root, folder.local, entry.name);
    if (local === undefined) return this.tally.skip(relative, 'the name would land outside the target folder');
    const remote = joinRemote(folder.remote, entry.name);
    switch (entry.kind) {
      case 'dir':
        this.work.add(
          // A dry run makes no folder.
          (this.options.dryRun === true ? Promise.resolve(true) : ensureLocalFolder(local)).then(
            (fresh) => this.list({ remote, local, relative, fresh }),
            (error: unknown) => this.tally.fail(relative, error),
          ),
        );
        return;
      case 'file':
        this.tally.planned(entry.size);
        this.work.add(this.download(remote, local, relative, entry, folder.fresh));
        return;
      case 'symlink':
        return this.tally.skip(relative, `symbolic link${entry.linkTarget === undefined ? '' : ` to ${entry.linkTarget}`}, not followed`);
      case 'other':
        return this.tally.skip(relative, 'not a regular file or folder');
    }
  }

  private async download(remote: string, local: string, relative: string, entry: RemoteEntry, freshFolder: boolean): Promise<void> {
    try {
      if (this.options.onlyNewer === true) {
        const existing = await lstat(local).catch(() => undefined);
        if (existing?.isFile() === true && isUpToDate(existing, entry)) return this.tally.skip(relative, 'up to date');
      }
      if (this.options.dryRun === true) return this.tally.wouldMove(relative, entry.size);
      const result = await this.transfers.run(
        {
          kind: 'download',
          remote,
          local,
          ...(entry.size === undefined ? {} : { expectedSize: entry.size }),
          ...remoteTimeOf(entry),
          preserveTime: this.options.preserveTime !== false,
          freshFolder,
        },
        this.options.signal,
      );
      this.tally.done(result.bytes);
    } catch (error) {
      this.tally.fail(relative, error);
    }
  }

  private cancelled(relative: string): boolean {
    if (this.options.signal?.aborted !== true) return false;
    this.tally.fail(relative, new FtpError('cancelled', 'The mirror was cancelled', 'command'));
    return true;
  }
}

/**
 * The listing's time when it is exact (MLSD): it saves an MDTM per file. A LIST time is to
 * the minute or the day, in the server's zone: then MDTM (when offered) gives the real one.
 */
function remoteTimeOf(entry: RemoteEntry): { remoteModified?: number } {
  return entry.modified !== undefined && entry.modifiedPrecision === 'second' ? { remoteModified: entry.modified } : {};
}
