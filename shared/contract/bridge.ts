import type { Envelope } from './wire';
import type { Unsubscribe } from './service';

/**
 * The object the Electron preload exposes as `window.sluice`: one function per contract
 * method returning an envelope, one `onX` per event — never a generic invoke.
 */
export type SluiceBridge = {
  readonly [service: string]: {
    readonly [member: string]: ((...args: unknown[]) => Promise<Envelope>) | ((listener: (payload: unknown) => void) => Unsubscribe);
  };
} & {
  /** Electron only: the local path of a file dragged in from the OS (webUtils.getPathForFile). */
  readonly files?: { readonly pathForFile: (file: object) => string };
};

/** The IPC channel carrying one method's calls. */
export function ipcChannelOf(service: string, method: string): string {
  return `sluice:${service}.${method}`;
}

/** The IPC channel carrying every event from main to the window. */
export const ipcEventChannel = 'sluice:event';
