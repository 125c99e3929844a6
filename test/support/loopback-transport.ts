import type { Dispatcher } from '../../shared/contract/dispatcher';
import type { ClientTransport } from '../../shared/contract/proxy';
import { callMessageSchema, serverMessageSchema, type Codec, type Envelope } from '../../shared/contract/wire';

/**
 * A transport that sends every message through a codec's encode and decode and the same
 * frame checks the real shells apply — the wire without the socket.
 */
export function loopbackTransport<Frame>(dispatcher: Dispatcher, codec: Codec<Frame>): ClientTransport {
  let nextId = 1;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  dispatcher.subscribeAll((message) => {
    const decoded = serverMessageSchema.parse(codec.decode(codec.encode(message)));
    if (decoded.type === 'event') listeners.get(`${decoded.service}.${decoded.event}`)?.forEach((listener) => listener(decoded.payload));
  });
  return {
    async call(service, method, args) {
      const id = nextId++;
      const call = callMessageSchema.parse(codec.decode(codec.encode({ type: 'call', id, service, method, args })));
      const envelope = await dispatcher.call(call.service, call.method, call.args);
      const result = serverMessageSchema.parse(codec.decode(codec.encode({ type: 'result', id, envelope })));
      if (result.type !== 'result' || result.id !== id) throw new Error('loopback lost a result');
      return result.envelope as Envelope;
    },
    listen(service, event, listener) {
      const key = `${service}.${event}`;
      const set = listeners.get(key) ?? new Set();
      listeners.set(key, set.add(listener));
      return () => void set.delete(listener);
    },
  };
}
