import { z } from 'zod';
import { SluiceError, toWireError } from '../errors';
import type { Envelope, EventMessage } from './wire';
import { eventNamesOf, type ContractsOf, type ServiceContract, type Unsubscribe } from './service';

/** Main's side of every transport: validates a call, runs it, reports the outcome. */
export interface Dispatcher {
  /** Validates and runs one call; never throws, always answers with an envelope. */
  call(service: string, method: string, args: unknown): Promise<Envelope>;
  /** Forwards every event of every service to `emit` until unsubscribed. */
  subscribeAll(emit: (message: EventMessage) => void): Unsubscribe;
}

function failure(error: unknown): Envelope {
  return { ok: false, error: toWireError(error) };
}

/**
 * Builds the dispatcher that stands between transports and services. A service sees a
 * call only after its name and method exist in the contract (own keys, so `__proto__`
 * and friends are refused) and its arguments pass the method's schema.
 */
export function createDispatcher<M extends object>(contracts: ContractsOf<M>, services: M): Dispatcher {
  const lookup = (service: string, method: string) => {
    if (!Object.hasOwn(contracts, service)) return undefined;
    const contract = contracts[service as keyof M] as ServiceContract<unknown>;
    const methods = contract.methods as Record<string, z.ZodType>;
    if (!Object.hasOwn(methods, method)) return undefined;
    const implementation = services[service as keyof M] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    return { schema: methods[method] as z.ZodType, run: implementation[method]?.bind(implementation) };
  };

  return {
    async call(service, method, args) {
      const target = lookup(service, method);
      if (!target?.run) {
        return failure(new SluiceError('unknown-method', `No method ${service}.${method}`));
      }
      const parsed = target.schema.safeParse(args);
      if (!parsed.success) {
        return failure(new SluiceError('invalid-argument', `Bad arguments to ${service}.${method}: ${z.prettifyError(parsed.error)}`));
      }
      try {
        return { ok: true, value: await target.run(...(parsed.data as unknown[])) };
      } catch (error) {
        return failure(error);
      }
    },

    subscribeAll(emit) {
      const stops: Unsubscribe[] = [];
      for (const service of Object.keys(contracts) as (keyof M & string)[]) {
        const implementation = services[service] as Record<string, (listener: (payload: unknown) => void) => Unsubscribe>;
        for (const event of eventNamesOf(contracts[service] as ServiceContract<unknown>) as string[]) {
          const subscribe = implementation[event];
          if (typeof subscribe !== 'function') continue;
          stops.push(subscribe.call(implementation, (payload) => emit({ type: 'event', service, event, payload })));
        }
      }
      return () => stops.splice(0).forEach((stop) => stop());
    },
  };
}
