import { fromWireError, SluiceError } from '../errors';
import type { Envelope } from './wire';
import { eventNamesOf, methodNamesOf, type ContractsOf, type ServiceContract, type Unsubscribe } from './service';

/** What a front end needs from a transport: send a call, listen to an event. */
export interface ClientTransport {
  call(service: string, method: string, args: readonly unknown[]): Promise<Envelope>;
  listen(service: string, event: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** Turns an envelope into a value or a thrown SluiceError. */
export function unwrapEnvelope(envelope: Envelope): unknown {
  if (envelope.ok) return envelope.value;
  throw fromWireError(envelope.error);
}

/**
 * Builds an object implementing service S whose every method and event goes through
 * the transport. The renderer sees the same interface main implements.
 */
export function createServiceProxy<S>(contract: ServiceContract<S>, transport: ClientTransport): S {
  const proxy: Record<string, unknown> = {};
  for (const method of methodNamesOf(contract)) {
    proxy[method] = async (...args: unknown[]) => {
      let envelope: Envelope;
      try {
        envelope = await transport.call(contract.name, method, args);
      } catch (error) {
        if (error instanceof SluiceError) throw error;
        throw new SluiceError('transport', `Lost contact with the Sluice main process: ${String(error)}`);
      }
      return unwrapEnvelope(envelope);
    };
  }
  for (const event of eventNamesOf(contract)) {
    proxy[event] = (listener: (payload: unknown) => void) => transport.listen(contract.name, event, listener);
  }
  return proxy as S;
}

/** Builds a proxy for every contract in the set, over one transport. */
export function createServicesProxy<M extends object>(contracts: ContractsOf<M>, transport: ClientTransport): M {
  const services: Partial<M> = {};
  for (const name of Object.keys(contracts) as (keyof M)[]) {
    services[name] = createServiceProxy(contracts[name], transport);
  }
  return services as M;
}
