import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RemoteEntry } from '../../shared/remote-entry';
import { FtpError } from '../ftp/errors';
import { relativeJoin } from './local-folder';
import { MirrorTally } from './mirror-tally';
import { runnerTransfers, type FileTransfers } from './file-transfers';
import type { MirrorOptions, MirrorResult, TaskRunner } from './mirror-types';
import { Outstanding } from './outstanding';
import { isFolderNotThere, makeRemotePath, remoteChild } from './remote-folder';
import { isUpToDate } from './up-to-date';

interface Folder {
  readonly local: string;
  readonly remote: string;
  readonly relative: string;
}

// Rule 15: such a name cannot travel in a command line; the engine would refuse it anyway.
const UNSENDABLE = /[\r\n\0]/;

/**
 * Copies the local folder `localDir` to the remote folder `remoteDir`, recursively, over the
 * runner's connections: folders are made (MKD, an existing one is fine) before their files
 * queue, files are uploaded with STOR and get their modification time by MFMT when the server
 * offers it. The walk uses lstat: symlinks are skipped, never followed (rule 17).
 */
export async function mirrorUp(runner: TaskRunner, localDir: string, remoteDir: string, options: MirrorOptions = {}): Promise<MirrorResult> {
  const walk = new UpWalk(runner, options);
  return walk.run(path.resolve(localDir), remoteDir);
}

function emptyIfNotThere(error: unknown): RemoteEntry[] {
  if (isFolderNotThere(error)) return [];
  throw error;
}

class UpWalk {
  private readonly tally: MirrorTally;
  private readonly work = new Outstanding();
  private readonly transfers: FileTransfers;

  constructor(
    private readonly runner: TaskRunner,
    private readonly options: MirrorOptions,
  ) {
    this.tally = new MirrorTally(options);
    this.transfers = options.transfers ?? runnerTransfers(runner);
  }

  async run(localDir: string, remoteDir: string): Promise<MirrorResult> {
    // The source folder itself is the person's choice, so it may be reached through a link.
    if (!(await stat(localDir)).isDirectory()) throw new FtpError('invalid-argument', `${localDir} is not a folder`, 'command');
    const root: Folder = { local: localDir, remote: remoteDir, relative: '' };
    // A dry run makes no folder, here or below.
    const made = this.options.dryRun === true
      ? Promise.resolve()
      : this.runner.run((client) => makeRemotePath(client, remoteDir), { priority: 'high' });
    this.work.add(
      made.then(
        () => this.walk(root),
        (error: unknown) => this.tally.fail('.', error),
      ),
    );
    await this.work.idle();
    this.tally.finishWalk();
    return this.tally.result();
  }

  private async walk(folder: Folder): Promise<void> {
    this.tally.folder();
    if (this.options.signal?.aborted === true) return this.tally.fail(folder.relative || '.', new FtpError('cancelled', 'The mirror was cancelled', 'command'));
    try {
      const [names, remote] = await Promise.all([readdir(folder.local), this.remoteEntries(folder)]);
      for (const name of names.sort()) await this.consider(folder, name, remote);
    } catch (error) {
      this.tally.fail(folder.relative || '.', error);
    }
  }

  /** The remote folder's entries by name, for `onlyNewer`; none otherwise. */
  private async remoteEntries(folder: Folder): Promise<Map<string, RemoteEntry>> {
    if (this.options.onlyNewer !== true) return new Map();
    const listing = this.transfers.list(folder.remote, this.options.signal);
    // A dry run made no folder: one not on the server yet has nothing to compare with. Any other
    // failure is reported, or a dry run over a broken connection would plan every file.
    const entries = this.options.dryRun === true ? await listing.catch(emptyIfNotThere) : await listing;
    return new Map(entries.map((entry) => [entry.name, entry]));
  }

  private async consider(folder: Folder, name: string, remoteEntries: Map<string, RemoteEntry>): Promise<void> {
    const relative = relativeJoin(folder.relative, name);
    const local = path.join(folder.local, name);
    const stats = await lstat(local);
    if (this.tally.excludes(relative, stats.isDirectory())) return;
    if (UNSENDABLE.test(name)) return this.tally.skip(relative, 'the name holds a line break or NUL, which FTP cannot send');
    const remote = remoteChild(folder.remote, name);
    if (stats.isSymbolicLink()) return this.tally.skip(relative, 'symbolic link, not followed');
    if (stats.isDirectory()) {
      const child: Folder = { local, remote, relative };
      // On whichever side has room: with a transfer lane, this thread keeps one connection, and a
      // tree of many folders would make them one at a time there.
      const made = this.options.dryRun === true ? Promise.resolve() : this.transfers.makeFolder(remote, this.options.signal);
      this.work.add(
        made.then(
          () => this.walk(child),
          (error: unknown) => this.tally.fail(relative, error),
        ),
      );
      return;
    }
    if (!stats.isFile()) return this.tally.skip(relative, 'not a regular file or folder');
    const existing = remoteEntries.get(name);
    if (existing?.kind === 'file' && isUpToDate({ mtimeMs: existing.modified ?? 0, size: existing.size ?? -1 }, { modified: stats.mtimeMs, size: stats.size })) {
      return this.tally.skip(relative, 'up to date');
    }
    this.tally.planned(stats.size);
    if (this.options.dryRun === true) return this.tally.wouldMove(relative, stats.size);
    this.work.add(this.upload(local, remote, relative));
  }

  private async upload(local: string, remote: string, relative: string): Promise<void> {
    try {
      const result = await this.transfers.run({ kind: 'upload', local, remote, preserveTime: this.options.preserveTime !== false }, this.options.signal);
      this.tally.done(result.bytes);
    } catch (error) {
      this.tally.fail(relative, error);
    }
  }
}
