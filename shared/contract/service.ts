import type { z } from 'zod';

/**
 * How a service is described once and carried over any transport.
 * A service is an interface in the style of VS Code's platform services: methods
 * return Promises, events are `onX(listener): Unsubscribe`. Its contract holds one
 * zod schema per method (the argument tuple) and the list of its events, and is
 * type-checked against the interface so the two cannot drift apart.
 */

/** Stops a listener; returned by every `onX` event. */
export type Unsubscribe = () => void;

/** The keys of S that are events (`onX` members). */
export type EventNames<S> = {
  [K in keyof S]: K extends `on${string}` ? (S[K] extends (listener: never) => Unsubscribe ? K : never) : never;
}[keyof S] &
  string;

/** The keys of S that are Promise-returning methods. */
export type MethodNames<S> = {
  [K in keyof S]: S[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof S] &
  string;

/** What an event delivers to its listeners. */
export type EventPayload<S, K extends EventNames<S>> = S[K] extends (listener: (payload: infer P) => void) => Unsubscribe
  ? P
  : never;

/** A method's argument tuple. */
export type MethodArgs<S, K extends MethodNames<S>> = S[K] extends (...args: infer A) => Promise<unknown> ? A : never;

/** The runtime description of service S: argument schemas and event names. */
export interface ServiceContract<S> {
  readonly name: string;
  readonly methods: { readonly [K in MethodNames<S>]: z.ZodType<MethodArgs<S, K>, unknown> };
  /** Every event, listed as a key so a missing one fails to compile. */
  readonly events: { readonly [K in EventNames<S>]: true };
}

/** A set of contracts keyed by service name; M maps each name to its interface. */
export type ContractsOf<M> = { readonly [K in keyof M]: ServiceContract<M[K]> };

/** Declares a contract; the identity function exists to check it against S. */
export function defineContract<S>(contract: ServiceContract<S>): ServiceContract<S> {
  return contract;
}

/** Method names of a contract, in declaration order. */
export function methodNamesOf<S>(contract: ServiceContract<S>): MethodNames<S>[] {
  return Object.keys(contract.methods) as MethodNames<S>[];
}

/** Event names of a contract, in declaration order. */
export function eventNamesOf<S>(contract: ServiceContract<S>): EventNames<S>[] {
  return Object.keys(contract.events) as EventNames<S>[];
}
