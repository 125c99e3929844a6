import { SluiceError } from '../../../shared/errors';
import type { ClientTransport } from '../../../shared/contract/proxy';
import type { SluiceBridge } from '../../../shared/contract/bridge';
import type { Envelope } from '../../../shared/contract/wire';
import type { Unsubscribe } from '../../../shared/contract/service';

/** The Electron shell's transport: the per-method functions the preload put on `window.sluice`. */
export function electronTransport(bridge: SluiceBridge): ClientTransport {
  const member = (service: string, name: string) => {
    const fn = bridge[service]?.[name];
    if (typeof fn !== 'function') throw new SluiceError('unknown-method', `The preload exposes no ${service}.${name}`);
    return fn;
  };
  return {
    call: (service, method, args) => (member(service, method) as (...a: unknown[]) => Promise<Envelope>)(...args),
    listen: (service, event, listener) =>
      (member(service, event) as (l: (payload: unknown) => void) => Unsubscribe)(listener),
  };
}
