// Memory figures of a live process from /proc/<pid>/status (Linux), for processes the bench
// can't wrap in GNU time: a client polled for its VmHWM, the web shell sampled while it runs.
import { readFileSync } from 'node:fs';

export type MemoryField = 'VmRSS' | 'VmHWM';

/** The field in KiB; undefined once the process has exited (or on a system without /proc). */
export function readMemoryKiB(pid: number, field: MemoryField): number | undefined {
  try {
    // Synchronous on purpose: /proc reads don't block, and a poller must not pile up.
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
