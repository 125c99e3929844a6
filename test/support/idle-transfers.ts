import type { TransfersService } from '../../shared/services/transfers';

/** A transfers service with an empty queue, for shells whose tests do not transfer. */
export function idleTransfers(): TransfersService {
  const none = () => () => undefined;
  return {
    enqueue: async () => ({ added: 0 }),
    list: async () => ({ items: [], total: 0 }),
    summary: async () => ({ paused: false, queued: 0, active: 0, failed: 0, finished: 0, bytesTotal: 0, bytesDone: 0, rate: 0 }),
    pause: async () => undefined,
    resume: async () => undefined,
    cancel: async () => undefined,
    retry: async () => undefined,
    move: async () => undefined,
    clearFinished: async () => undefined,
    setSpeedLimit: async () => undefined,
    setDefaultFileExistsAction: async () => undefined,
    onDidChangeItems: none,
    onDidChangeSummary: none,
    onDidFinishQueue: none,
  };
}
