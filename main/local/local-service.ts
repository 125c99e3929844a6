import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { SluiceError } from '../../shared/errors';
import type { DeleteMode, LocalEntry, LocalListing, LocalService } from '../../shared/services/local';
import { Emitter } from '../events';
import { describeEntry } from './entry';
import { toLocalError } from './fs-errors';
import { mapLimited } from './map-limited';

/** What the shell lends the local service. */
export interface LocalServiceOptions {
  /** Moves a path to the OS trash; only the Electron shell has one (`shell.trashItem`). */
  readonly trash?: (absolutePath: string) => Promise<void>;
  readonly home?: string;
}

/** The local file system service shared by every shell. */
export class NodeLocalService implements LocalService {
  private readonly changes = new Emitter<{ readonly folder: string }>();
  private readonly homeFolder: string;

  constructor(private readonly options: LocalServiceOptions = {}) {
    this.homeFolder = options.home ?? homedir();
  }

  readonly onDidChange = this.changes.subscribe;

  async list(requested: string): Promise<LocalListing> {
    const folder = this.resolve(requested);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      throw toLocalError(error, folder);
    }
    const described = await mapLimited(names, 64, async (name): Promise<LocalEntry | undefined> => {
      const entryPath = path.join(folder, name);
      // An entry deleted between readdir and lstat is simply no longer there.
      const stats = await lstat(entryPath).catch(() => undefined);
      return stats && describeEntry(name, entryPath, stats);
    });
    const parent = path.dirname(folder);
    return {
      path: folder,
      parent: parent === folder ? null : parent,
      entries: described.filter((entry): entry is LocalEntry => entry !== undefined),
    };
  }

  async home(): Promise<string> {
    return this.homeFolder;
  }

  async roots(): Promise<string[]> {
    if (process.platform !== 'win32') return ['/'];
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`);
    const present = await mapLimited(letters, 26, (root) => lstat(root).then(() => root, () => undefined));
    return present.filter((root): root is string => root !== undefined);
  }

  async capabilities() {
    return { trash: this.options.trash !== undefined, separator: path.sep === '\\' ? ('\\' as const) : ('/' as const) };
  }

  async createFolder(parent: string, name: string): Promise<string> {
    const folder = this.resolve(parent);
    const target = path.join(folder, name);
    // Without `recursive`, mkdir fails with EEXIST instead of silently reusing a folder.
    await mkdir(target).catch((error: unknown) => {
      throw toLocalError(error, target);
    });
    this.changes.fire({ folder });
    return target;
  }

  async rename(from: string, newName: string): Promise<string> {
    const source = this.resolve(from);
    const target = path.join(path.dirname(source), newName);
    if (target === source) return source;
    // rename(2) replaces an existing file silently; a file manager must not.
    const occupied = await lstat(target).then(() => true, () => false);
    if (occupied) throw toLocalError(Object.assign(new Error(), { code: 'EEXIST' }), target);
    await rename(source, target).catch((error: unknown) => {
      throw toLocalError(error, source);
    });
    this.changes.fire({ folder: path.dirname(source) });
    return target;
  }

  async delete(paths: string[], mode: DeleteMode): Promise<void> {
    const trash = this.options.trash;
    if (mode === 'trash' && !trash) throw new SluiceError('unsupported', 'This shell has no trash; delete permanently instead');
    const targets = paths.map((entry) => this.resolve(entry));
    for (const target of targets) {
      if (path.dirname(target) === target) throw new SluiceError('permission-denied', `Refusing to delete a file-system root: ${target}`);
    }
    for (const target of targets) {
      // lstat, not stat: deleting a link removes the link, never what it points to.
      await lstat(target).catch((error: unknown) => {
        throw toLocalError(error, target);
      });
      const remove = mode === 'trash' && trash ? trash(target) : rm(target, { recursive: true, force: false });
      await remove.catch((error: unknown) => {
        throw toLocalError(error, target);
      });
    }
    new Set(targets.map((target) => path.dirname(target))).forEach((folder) => this.changes.fire({ folder }));
  }

  /** Absolute, normalized path; `~` is the home folder; relative paths are refused. */
  private resolve(requested: string): string {
    const expanded = requested === '~' || requested.startsWith('~/') ? path.join(this.homeFolder, requested.slice(1)) : requested;
    if (!path.isAbsolute(expanded)) throw new SluiceError('invalid-argument', `Not an absolute path: ${requested}`);
    return path.resolve(expanded);
  }
}
