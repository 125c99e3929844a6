/**
 * Whether files may be read and written right on the event loop: small files whole, and a
 * download's 64 KiB slices (ring-file-writer.ts). On a local disk a whole 10 KiB file or a
 * slice takes system calls of microseconds each, and a thread-pool round trip per call costs
 * several times that. A network share or a busy disk can take milliseconds: once a direct
 * call took longer than `slowMs`, everything goes through the thread pool from then on, so the
 * event loop never waits on such a disk again.
 */
export class DiskVerdict {
  private slowSeen = false;

  constructor(private readonly slowMs = 20) {}

  /** True once a direct operation was slow. */
  get slow(): boolean {
    return this.slowSeen;
  }

  /** Runs `operation` (synchronous file calls) and judges the disk by how long it took. */
  timed<T>(operation: () => T): T {
    const started = performance.now();
    try {
      return operation();
    } finally {
      if (performance.now() - started > this.slowMs) this.slowSeen = true;
    }
  }
}

/** The process's verdict on its local disk, shared by small downloads and uploads and by the download ring. */
export const localDisk = new DiskVerdict();
