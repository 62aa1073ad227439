// One load-generator process: opens real Socket.IO connections for the tokens it is given and
// counts what they receive. A process may hold at most `ulimit -n` files, so the fleet spreads
// connections over several of these (see fleet.ts). Driven over IPC by the bench.
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

import type { ChildReply, ChildRequest } from './protocol.js';

const sockets: Socket[] = [];
/** Per client id: how many members received it, and when the last did (ms, epoch, fraction). */
const arrivals = new Map<string, { count: number; last: number }>();
let total = 0;
let firstAt = 0;
let lastAt = 0;

const now = () => performance.timeOrigin + performance.now();

function reply(message: ChildReply): void {
  process.send?.(message);
}

function onMessage(payload: { message?: { clientId?: string } }): void {
  const at = now();
  total += 1;
  if (firstAt === 0) firstAt = at;
  lastAt = at;
  const clientId = payload.message?.clientId;
  if (clientId === undefined) return;
  const seen = arrivals.get(clientId);
  if (seen) {
    seen.count += 1;
    seen.last = at;
  } else arrivals.set(clientId, { count: 1, last: at });
}

function open(url: string, token: string | null, localAddress: string | undefined) {
  return new Promise<boolean>((resolve) => {
    const socket = io(url, {
      auth: token === null ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 120_000,
      ...(localAddress ? { localAddress } : {}),
    });
    socket.on('message.new', onMessage);
    socket.once('connect', () => {
      sockets.push(socket);
      resolve(true);
    });
    socket.once('connect_error', () => {
      socket.close();
      resolve(false);
    });
  });
}

async function connectAll(request: Extract<ChildRequest, { type: 'connect' }>) {
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < request.tokens.length) {
      const token = request.tokens[next++]!;
      if (!(await open(request.url, token, request.localAddress))) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: request.parallel }, worker));
  reply({ type: 'connected', open: sockets.length, failed });
}

process.on('message', (request: ChildRequest) => {
  switch (request.type) {
    case 'connect':
      void connectAll(request);
      break;
    case 'reset':
      arrivals.clear();
      total = 0;
      firstAt = 0;
      lastAt = 0;
      reply({ type: 'reset' });
      break;
    case 'totals':
      reply({ type: 'totals', total, firstAt, lastAt });
      break;
    case 'arrivals': {
      const seen = arrivals.get(request.clientId);
      reply({ type: 'arrivals', count: seen?.count ?? 0, last: seen?.last ?? 0 });
      break;
    }
    case 'close':
      for (const socket of sockets) socket.close();
      sockets.length = 0;
      reply({ type: 'closed' });
      process.exit(0);
  }
});

reply({ type: 'ready' });
