import { z } from 'zod';
import type { WireError } from '../errors';

/**
 * What travels between a front end and main, whatever the transport.
 * A call's outcome is an envelope rather than a thrown error because Electron's IPC
 * keeps only `message` of a thrown error; the envelope keeps kind, code and phase.
 */

/** The outcome of one call. */
export type Envelope = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WireError };

/** A call from a front end. */
export interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** The answer to one call, matched by id. */
export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly envelope: Envelope;
}

/** An event pushed by main to every front end. */
export interface EventMessage {
  readonly type: 'event';
  readonly service: string;
  readonly event: string;
  readonly payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;

const name = z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9]*$/);

/** Main checks the frame of every incoming message before looking at its arguments. */
export const callMessageSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  service: name,
  method: name,
  args: z.array(z.unknown()).max(32),
});

const wireErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  code: z.number().optional(),
  phase: z.enum(['connect', 'tls', 'auth', 'command', 'data']).optional(),
});

const envelopeSchema = z.union([
  // Optional: JSON drops `undefined`, so a method that returns nothing arrives without a value.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]);

/** Front ends check what main sends too: a confused server must not crash the UI. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number(), envelope: envelopeSchema }),
  z.object({ type: z.literal('event'), service: z.string(), event: z.string(), payload: z.unknown() }),
]);

/** Turns messages into a transport's frames and back. */
export interface Codec<Frame> {
  encode(message: CallMessage | ServerMessage): Frame;
  decode(frame: Frame): unknown;
}

/**
 * The WebSocket codec: JSON text. Contract values are plain data (numbers for times,
 * no Dates, no class instances) so JSON carries them unchanged, with one exception: JSON
 * writes an `undefined` array item as null, which an optional argument's schema refuses.
 * Optional arguments come last, so a call leaves its trailing undefined ones out.
 */
export const jsonCodec: Codec<string> = {
  encode: (message) => JSON.stringify(message.type === 'call' ? { ...message, args: withoutTrailingUndefined(message.args) } : message),
  decode: (frame) => JSON.parse(frame) as unknown,
};

function withoutTrailingUndefined(args: readonly unknown[]): readonly unknown[] {
  let length = args.length;
  while (length > 0 && args[length - 1] === undefined) length--;
  return length === args.length ? args : args.slice(0, length);
}

/** The Electron IPC codec: the structured clone algorithm, as `ipcRenderer.invoke` applies it. */
export const structuredCloneCodec: Codec<unknown> = {
  encode: (message) => structuredClone(message),
  decode: (frame) => structuredClone(frame),
};
