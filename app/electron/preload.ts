// Sandboxed preload (bundled to CommonJS): it may require only 'electron'. It exposes one
// function per contract method and one `onX` per event — never a generic invoke — so the
// page can reach exactly what the contract lists and nothing else.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { ipcChannelOf, ipcEventChannel } from '../../shared/contract/bridge';
import { eventNamesOf, methodNamesOf, type ServiceContract } from '../../shared/contract/service';
import type { EventMessage } from '../../shared/contract/wire';
import { contracts } from '../../shared/services';

type Member = (...args: never[]) => unknown;

function bridgeOf(contract: ServiceContract<unknown>): Record<string, Member> {
  const members: Record<string, Member> = {};
  for (const method of methodNamesOf(contract) as string[]) {
    const channel = ipcChannelOf(contract.name, method);
    members[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
  }
  for (const event of eventNamesOf(contract) as string[]) {
    members[event] = (listener: (payload: unknown) => void) => {
      const forward = (_event: IpcRendererEvent, message: EventMessage) => {
        if (message.service === contract.name && message.event === event) listener(message.payload);
      };
      ipcRenderer.on(ipcEventChannel, forward);
      return () => void ipcRenderer.removeListener(ipcEventChannel, forward);
    };
  }
  return members;
}

const bridge: Record<string, Record<string, Member>> = {};
for (const contract of Object.values(contracts) as ServiceContract<unknown>[]) {
  bridge[contract.name] = bridgeOf(contract);
}
// Not a service: files dragged in from the OS file manager carry no path in a sandboxed page;
// Electron's webUtils recovers it so the remote pane can upload them.
const files = { pathForFile: (file: File): string => webUtils.getPathForFile(file) };
contextBridge.exposeInMainWorld('sluice', { ...bridge, files });
