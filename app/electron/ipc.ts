import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannelOf, ipcEventChannel } from '../../shared/contract/bridge';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import { methodNamesOf, type ContractsOf, type ServiceContract, type Unsubscribe } from '../../shared/contract/service';
import type { Envelope } from '../../shared/contract/wire';

/**
 * Registers one `ipcMain.handle` per contract method. Before the dispatcher validates the
 * arguments, the sender must be our window's top frame showing our own page: a frame
 * navigated elsewhere, or a subframe, gets nothing.
 */
export function registerIpc<M extends object>(
  ipcMain: IpcMain,
  contracts: ContractsOf<M>,
  dispatcher: Dispatcher,
  window: BrowserWindow,
  isOurPage: (url: string) => boolean,
): Unsubscribe {
  const senderIsOurs = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return frame !== null && frame === window.webContents.mainFrame && isOurPage(frame.url);
  };
  const channels: string[] = [];
  for (const contract of Object.values(contracts) as ServiceContract<unknown>[]) {
    for (const method of methodNamesOf(contract) as string[]) {
      const channel = ipcChannelOf(contract.name, method);
      channels.push(channel);
      ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope> => {
        if (!senderIsOurs(event)) return { ok: false, error: { kind: 'permission-denied', message: 'Call refused: unknown sender frame' } };
        return dispatcher.call(contract.name, method, args);
      });
    }
  }
  const stopEvents = dispatcher.subscribeAll((message) => {
    if (!window.isDestroyed()) window.webContents.send(ipcEventChannel, message);
  });
  return () => {
    stopEvents();
    channels.forEach((channel) => ipcMain.removeHandler(channel));
  };
}
