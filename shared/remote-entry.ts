/** What a remote entry is; device files, sockets, pipes and vendor types are 'other'. */
export type RemoteEntryKind = 'file' | 'dir' | 'symlink' | 'other';

/**
 * How exact `modified` is. LIST dates like `Jun  3 12:00` carry minutes and a guessed year,
 * `Jun  3  2019` only a day; MLSD `modify` is exact to the second (or better).
 */
export type TimePrecision = 'second' | 'minute' | 'day';

/** A remote directory entry, parsed from MLSD/MLST or LIST. Times are ms since the epoch, UTC. */
export interface RemoteEntry {
  name: string;
  kind: RemoteEntryKind;
  /** For symlinks: the target as the server printed it (`a -> b`). Never followed (rule 17). */
  linkTarget?: string;
  size?: number;
  /**
   * Modification time in ms since the epoch. MLSD times are UTC; LIST times are the server's
   * local clock read as if it were UTC, because LIST does not say which zone it uses.
   */
  modified?: number;
  modifiedPrecision?: TimePrecision;
  /** Permissions as the listing shows them: `rwxr-xr-x` (Unix, MLSD unix.mode, EPLF), `RWED,RWED,RE,` (VMS), `RWCEAFMS` (NetWare). */
  permissions?: string;
  /** Unix mode bits (MLSD `unix.mode`, or derived from LIST permission letters). */
  mode?: number;
  owner?: string;
  group?: string;
  /** MLSD `unique` fact: identifies the file on the server, for hard links and renames. */
  unique?: string;
  /** MLSD `perm` fact (RFC 3659 §7.5.5), e.g. `adfrw`. */
  perm?: string;
  /** The line the entry came from, when the caller asked for it (`keepRaw`). */
  raw?: string;
  /** Why `name` is unsafe as a local path segment (security rule 16); absent when it is safe. */
  unsafe?: string;
}
