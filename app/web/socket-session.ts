import type { WebSocket } from 'ws';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import { callMessageSchema, jsonCodec, type ServerMessage } from '../../shared/contract/wire';

/**
 * One connected page: every frame is decoded and checked against the call schema before
 * the dispatcher (which checks the arguments) sees it; every service event is pushed.
 */
export function serveSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(jsonCodec.encode(message));
  };
  const stopEvents = dispatcher.subscribeAll(send);
  socket.on('close', stopEvents);

  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'Text frames only');
    let decoded: unknown;
    try {
      decoded = jsonCodec.decode(data.toString('utf8'));
    } catch {
      return socket.close(1007, 'Malformed JSON');
    }
    const call = callMessageSchema.safeParse(decoded);
    if (!call.success) return socket.close(1008, 'Malformed call');
    const { id, service, method, args } = call.data;
    void dispatcher.call(service, method, args).then((envelope) => send({ type: 'result', id, envelope }));
  });
}
