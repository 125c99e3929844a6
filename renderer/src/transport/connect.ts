import { createServicesProxy, type ClientTransport } from '../../../shared/contract/proxy';
import type { SluiceBridge } from '../../../shared/contract/bridge';
import { contracts, type Services } from '../../../shared/services';
import { electronTransport } from './electron';
import { connectWebSocketTransport } from './websocket';

declare global {
  interface Window {
    /** Present only in the Electron shell, put there by the preload. */
    readonly sluice?: SluiceBridge;
  }
}

/** Builds every service proxy over whichever transport this page runs on. */
export async function connectServices(): Promise<Services> {
  const transport: ClientTransport = window.sluice
    ? electronTransport(window.sluice)
    : await connectWebSocketTransport(webSocketUrl());
  return createServicesProxy(contracts, transport);
}

function webSocketUrl(): string {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws?token=${encodeURIComponent(token)}`;
}
