import { SluiceError } from '../../../shared/errors';
import type { ClientTransport } from '../../../shared/contract/proxy';
import { jsonCodec, serverMessageSchema, type CallMessage, type Envelope } from '../../../shared/contract/wire';

type Pending = { resolve: (envelope: Envelope) => void; reject: (error: Error) => void };

/**
 * The web shell's transport: one WebSocket carrying calls and events as JSON. The token
 * from the page's URL proves this page was opened from the link the host printed.
 */
export async function connectWebSocketTransport(url: string): Promise<ClientTransport> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new SluiceError('transport', 'Could not reach the Sluice web host')), { once: true });
  });

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  socket.addEventListener('message', (event) => {
    const decoded = jsonCodec.decode(String(event.data));
    const parsed = serverMessageSchema.safeParse(decoded);
    if (!parsed.success) {
      // A reply we cannot read must still end its call, or the caller would wait forever.
      const id = (decoded as { id?: unknown } | null)?.id;
      if (typeof id === 'number') pending.get(id)?.reject(new SluiceError('transport', 'The Sluice web host sent a reply that could not be read'));
      pending.delete(id as number);
      return;
    }
    const message = parsed.data;
    if (message.type === 'result') {
      pending.get(message.id)?.resolve(message.envelope as Envelope);
      pending.delete(message.id);
    } else {
      listeners.get(`${message.service}.${message.event}`)?.forEach((listener) => listener(message.payload));
    }
  });
  socket.addEventListener('close', () => {
    const lost = new SluiceError('transport', 'The connection to the Sluice web host was closed');
    pending.forEach(({ reject }) => reject(lost));
    pending.clear();
  });

  return {
    call(service, method, args) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(new SluiceError('transport', 'The connection to the Sluice web host was closed'));
      }
      const id = nextId++;
      const message: CallMessage = { type: 'call', id, service, method, args };
      return new Promise<Envelope>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(jsonCodec.encode(message));
      });
    },
    listen(service, event, listener) {
      const key = `${service}.${event}`;
      const set = listeners.get(key) ?? new Set();
      listeners.set(key, set.add(listener));
      return () => void set.delete(listener);
    },
  };
}
