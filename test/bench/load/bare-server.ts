// The baseline: a bare Socket.IO server with nothing of Confab in it. Every client joins one
// room; on request it broadcasts the payload it is given to that room as fast as it can.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Server } from 'socket.io';

export type BareRequest = { type: 'broadcast'; count: number; payload: object };
export type BareReply = { type: 'listening'; port: number } | { type: 'sent'; ms: number };

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on('connection', (socket) => void socket.join('all'));

/** Emits in small batches, so the writes of one batch go out before the next is queued. */
function broadcast(count: number, payload: object): Promise<number> {
  const started = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const batch = () => {
      for (let i = 0; i < 20 && sent < count; i += 1, sent += 1) {
        io.to('all').emit('message.new', {
          ...payload,
          message: { ...(payload as { message: object }).message, clientId: `bare-${sent}` },
        });
      }
      if (sent < count) setImmediate(batch);
      else resolve(performance.now() - started);
    };
    batch();
  });
}

process.on('message', (request: BareRequest) => {
  void broadcast(request.count, request.payload).then((ms) => process.send?.({ type: 'sent', ms }));
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.send?.({ type: 'listening', port } satisfies BareReply);
});
