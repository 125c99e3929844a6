import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelOf, ipcEventChannel } from '../../../shared/contract/bridge';
import { contracts } from '../../../shared/services';

// The preload runs only inside Electron; here the electron module is replaced by a recorder.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'ok' }));
const on = vi.fn();
const removeListener = vi.fn();
const getPathForFile = vi.fn((_file: unknown) => '/home/me/dropped.txt');
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: { invoke, on, removeListener },
  webUtils: { getPathForFile },
}));

afterEach(() => vi.clearAllMocks());

describe('the preload bridge', async () => {
  await import('../../../app/electron/preload');
  const bridge = exposed.sluice as Record<string, Record<string, (...args: unknown[]) => unknown>>;

  it('exposes exactly one function per contract method and event, and no generic invoke', () => {
    expect(Object.keys(bridge)).toEqual([...Object.keys(contracts), 'files']);
    expect(Object.keys(bridge.local!).sort()).toEqual([...Object.keys(contracts.local.methods), ...Object.keys(contracts.local.events)].sort());
    expect(bridge.invoke).toBeUndefined();
  });

  it('gives the page the path of a file dragged in from the OS, and nothing more', () => {
    const files = bridge.files as unknown as { pathForFile(file: unknown): string };
    expect(Object.keys(files)).toEqual(['pathForFile']);
    expect(files.pathForFile({ name: 'dropped.txt' })).toBe('/home/me/dropped.txt');
  });

  it('sends each method on its own channel', async () => {
    await bridge.local!.list!('/tmp');
    expect(invoke).toHaveBeenCalledWith(ipcChannelOf('local', 'list'), '/tmp');
  });

  it('delivers only its own event to a listener, until unsubscribed', () => {
    const seen: unknown[] = [];
    const stop = bridge.local!.onDidChange!((payload: unknown) => seen.push(payload)) as () => void;
    const [channel, forward] = on.mock.calls[0] as [string, (event: unknown, message: unknown) => void];
    expect(channel).toBe(ipcEventChannel);
    forward({}, { type: 'event', service: 'local', event: 'onDidChange', payload: { folder: '/a' } });
    forward({}, { type: 'event', service: 'other', event: 'onDidChange', payload: { folder: '/b' } });
    expect(seen).toEqual([{ folder: '/a' }]);
    stop();
    expect(removeListener).toHaveBeenCalledWith(ipcEventChannel, forward);
  });
});
