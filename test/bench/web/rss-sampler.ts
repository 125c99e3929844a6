// Peak resident memory of another process (the web shell) over a stretch of time: VmRSS sampled
// on a timer, and the kernel's own high-water mark (VmHWM), which no sampling gap can miss.
import { readMemoryKiB } from '../proc-status';

export interface RssSampler {
  /** Stops sampling (again: no harm); the peak in KiB — the larger of the samples and VmHWM — or undefined if the process is gone. */
  stop(): number | undefined;
}

export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak = readMemoryKiB(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, readMemoryKiB(pid, 'VmRSS') ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const hwm = readMemoryKiB(pid, 'VmHWM');
      return hwm === undefined ? undefined : Math.max(peak, hwm);
    },
  };
}
