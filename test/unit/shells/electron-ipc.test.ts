import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ipcChannelOf, ipcEventChannel } from '../../../shared/contract/bridge';
import { createDispatcher } from '../../../shared/contract/dispatcher';
import { contracts } from '../../../shared/services';
import { createServices } from '../../../main/services';
import { registerIpc } from '../../../app/electron/ipc';
import { makeTempDir } from '../../support/temp-dir';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Just enough of ipcMain and a BrowserWindow to run registerIpc outside Electron. */
function fakeElectron(pageUrl: string) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as IpcMain;
  const mainFrame = { url: pageUrl };
  const sent: unknown[] = [];
  const window = {
    isDestroyed: () => false,
    webContents: { mainFrame, send: (channel: string, message: unknown) => sent.push([channel, message]) },
  } as unknown as BrowserWindow;
  return { handlers, ipcMain, mainFrame, window, sent };
}

describe('Electron IPC registration', () => {
  const ourPage = 'file:///opt/Sluice/resources/app.asar/dist/renderer/index.html';
  const temp = makeTempDir();
  const services = createServices({ dataDir: temp.path, local: { home: temp.path } }).services;
  const dispatcher = createDispatcher(contracts, services);
  afterAll(() => temp.remove());

  it('registers one handler per contract method and nothing else', () => {
    const fake = fakeElectron(ourPage);
    registerIpc(fake.ipcMain, contracts, dispatcher, fake.window, (url) => url === ourPage);
    const expected = Object.values(contracts).flatMap((contract) => Object.keys(contract.methods).map((method) => ipcChannelOf(contract.name, method)));
    expect([...fake.handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('answers a call from our top frame', async () => {
    const fake = fakeElectron(ourPage);
    registerIpc(fake.ipcMain, contracts, dispatcher, fake.window, (url) => url === ourPage);
    const home = fake.handlers.get(ipcChannelOf('local', 'home'))!;
    expect(await home({ senderFrame: fake.mainFrame } as unknown as IpcMainInvokeEvent)).toEqual({ ok: true, value: temp.path });
  });

  it('refuses a subframe, and our frame once it shows another page', async () => {
    const fake = fakeElectron(ourPage);
    const home = vi.spyOn(services.local, 'home');
    registerIpc(fake.ipcMain, contracts, dispatcher, fake.window, (url) => url === ourPage);
    const handler = fake.handlers.get(ipcChannelOf('local', 'home'))!;
    const subframe = { senderFrame: { url: ourPage } } as unknown as IpcMainInvokeEvent;
    expect(await handler(subframe)).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    fake.mainFrame.url = 'https://attacker.example/';
    expect(await handler({ senderFrame: fake.mainFrame } as unknown as IpcMainInvokeEvent)).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    expect(home).not.toHaveBeenCalled();
  });

  it('validates arguments after the sender check', async () => {
    const fake = fakeElectron(ourPage);
    registerIpc(fake.ipcMain, contracts, dispatcher, fake.window, (url) => url === ourPage);
    const list = fake.handlers.get(ipcChannelOf('local', 'list'))!;
    expect(await list({ senderFrame: fake.mainFrame } as unknown as IpcMainInvokeEvent, { not: 'a path' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-argument' },
    });
  });

  it('forwards service events to the window and stops on unregister', async () => {
    const fake = fakeElectron(ourPage);
    const stop = registerIpc(fake.ipcMain, contracts, dispatcher, fake.window, (url) => url === ourPage);
    await services.local.createFolder(temp.path, 'one');
    stop();
    await services.local.createFolder(temp.path, 'two');
    expect(fake.sent).toEqual([[ipcEventChannel, { type: 'event', service: 'local', event: 'onDidChange', payload: { folder: temp.path } }]]);
    expect(fake.handlers.size).toBe(0);
  });
});
