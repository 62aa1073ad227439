import type { Server as HttpServer } from 'node:http';

import type { Ack } from '@confab/sdk/protocol';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';

import { assertOriginAllowed } from '../auth/origins.js';
import { authenticateUser } from '../auth/user-context.js';
import type { AppContext, UserContext } from '../context.js';
import type { Config } from '../config.js';
import { activeConversationIds } from '../domain/membership.js';
import { toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isRequestName, runRequest } from '../operations/catalogue.js';
import { attachRoomsAdapter } from './adapter.js';
import type { RoomsAdapter } from './adapter.js';
import { conversationRoom, keyRoom, userRoom } from './rooms.js';

interface SocketData {
  ctx: UserContext;
  expiresAt: number;
  keyId: string;
}

/**
 * Socket.IO on the api's HTTP server, with the Redis adapter so rooms span every api node.
 * Each socket authenticates in the handshake (`auth: { token }`) and then makes requests as
 * events with acks, named as in the protocol catalogue.
 */
export async function createSocketServer(
  httpServer: HttpServer,
  config: Config,
  redis: Redis,
): Promise<{ io: Server; rooms: RoomsAdapter; close: () => Promise<void> }> {
  const io = new Server(httpServer, {
    maxHttpBufferSize: config.SOCKET_MAX_BYTES,
    serveClient: false,
    // Long-polling clients on tenants' pages need CORS; the tenant's allowed origins are
    // checked once the token says which tenant it is (see admit).
    cors: { origin: true, credentials: false },
  });
  const rooms = await attachRoomsAdapter(io, config, redis);

  const close = async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    rooms.close();
  };
  return { io, rooms, close };
}

/** Wires authentication and request handling once the app context exists. */
export function attachRealtime(app: AppContext, io: Server, rooms: RoomsAdapter): void {
  io.use((socket, next) => {
    admit(app, socket)
      .then(({ ctx, identity }) => {
        const log = ctx.log.child({ socketId: socket.id });
        (socket.data as SocketData) = {
          ctx: { ...ctx, log },
          expiresAt: identity.expiresAt,
          keyId: identity.keyId,
        };
        next();
      })
      .catch((error: unknown) => {
        const appError = toAppError(error);
        if (appError.code === 'internal') app.log.error({ err: error }, 'socket auth failed');
        const refusal = new Error(appError.message) as Error & { data: unknown };
        refusal.data = appError.toBody();
        next(refusal);
      });
  });

  io.on('connection', (socket) => {
    onConnection(app.log, socket, rooms);
  });
}

/**
 * Checks a new connection: the client address's connection rate first (it costs nothing to
 * refuse a flood before any store lookup), then the token, then the user's connection rate.
 */
async function admit(app: AppContext, socket: Socket) {
  await app.limits.take('connectAddress', socket.handshake.address);
  const admitted = await authenticateUser(app, socket.handshake.auth?.token);
  assertOriginAllowed(
    admitted.ctx.tenant,
    socket.handshake.headers.origin,
    socket.handshake.headers.host,
  );
  const { tenantId, userId } = admitted.identity;
  await app.limits.take('connectUser', `${tenantId}:${userId}`);
  return admitted;
}

/** Longest delay a Node timer accepts, in milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function onConnection(log: Logger, socket: Socket, rooms: RoomsAdapter): void {
  const { ctx, expiresAt, keyId } = socket.data as SocketData;
  const tenantId = ctx.tenant._id;
  // At once, before any await: a ban, a key revocation or a new membership from here on
  // reaches this socket.
  void socket.join([userRoom(tenantId, ctx.userId), keyRoom(tenantId, keyId)]);

  // Requests wait until the socket is in its conversations' rooms. A client that syncs right
  // after connecting must not miss a change published between the sync's read and the join;
  // in this order, everything after the read reaches the socket live.
  const inRooms = joinConversationRooms(log, socket, ctx, rooms);
  socket.onAny((event: string, ...args: unknown[]) => {
    if (Date.now() / 1000 >= expiresAt) {
      refuseExpired(socket, args);
      return;
    }
    void inRooms.then(() => answer(ctx, event, args));
  });

  // Nothing more reaches a socket whose token has expired: it must reconnect with a new one.
  const untilExpiry = Math.min(expiresAt * 1000 - Date.now(), MAX_TIMER_MS);
  const expiry = setTimeout(
    () => {
      socket.emit('session.expired', { code: 'token_expired', message: 'The token has expired' });
      socket.disconnect(true);
    },
    Math.max(untilExpiry, 0),
  );
  // Presence first, with no await before it, so a disconnect can never run ahead of it.
  const online = ctx.app.presence.connected(tenantId, ctx.userId, socket.id).catch((error) => {
    log.warn({ err: error }, 'presence update on connect failed');
  });
  socket.on('disconnect', () => {
    clearTimeout(expiry);
    void online.then(() =>
      ctx.app.presence.disconnected(tenantId, ctx.userId, socket.id).catch((error: unknown) => {
        log.warn({ err: error }, 'presence update on disconnect failed');
      }),
    );
  });
}

/** Joins the rooms of the user's conversations; a failure drops the socket. */
async function joinConversationRooms(
  log: Logger,
  socket: Socket,
  ctx: UserContext,
  rooms: RoomsAdapter,
) {
  const tenantId = ctx.tenant._id;
  try {
    const conversationIds = await activeConversationIds(tenantId, ctx.userId);
    await socket.join(conversationIds.map((id) => conversationRoom(tenantId, id)));
    await rooms.subscribed();
    ctx.log.debug({ rooms: conversationIds.length }, 'socket connected');
  } catch (error) {
    log.error({ err: error }, 'socket join failed');
    socket.disconnect(true);
  }
}

function refuseExpired(socket: Socket, args: unknown[]): void {
  const ack = args.at(-1);
  if (typeof ack === 'function') {
    ack({
      ok: false,
      error: { code: 'token_expired', message: 'The token has expired; reconnect' },
    });
  }
  socket.disconnect(true);
}

/**
 * Runs one request event and answers through its ack. A request sent without an ack (typing,
 * say) still runs; its answer is dropped.
 */
async function answer(ctx: UserContext, event: string, args: unknown[]): Promise<void> {
  const last = args.at(-1);
  const hasAck = typeof last === 'function';
  const reply = hasAck ? (last as (response: Ack<unknown>) => void) : () => undefined;
  const payload = hasAck ? (args.length > 1 ? args[0] : undefined) : args[0];

  if (!isRequestName(event)) {
    reply({ ok: false, error: { code: 'not_found', message: `Unknown request ${event}` } });
    return;
  }
  try {
    const data = await runRequest(ctx, event, payload);
    reply({ ok: true, data });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'internal') ctx.log.error({ err: error, event }, 'request failed');
    reply({ ok: false, error: appError.toBody() });
  }
}
