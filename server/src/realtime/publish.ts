import type { ServerEventName, ServerEvents } from '@confab/sdk/protocol';
import type { Broadcaster } from './broadcaster.js';

import { conversationRoom, userRoom } from './rooms.js';

/** Sends an event to every socket, on any node, that has joined the conversation. */
export function publishToConversation<E extends ServerEventName>(
  io: Broadcaster,
  tenantId: string,
  conversationId: string,
  event: E,
  payload: ServerEvents[E],
): void {
  io.to(conversationRoom(tenantId, conversationId)).emit(event, payload);
}

/** Sends an event to every connected device of these users. */
export function publishToUsers<E extends ServerEventName>(
  io: Broadcaster,
  tenantId: string,
  userIds: string[],
  event: E,
  payload: ServerEvents[E],
): void {
  if (userIds.length === 0) return;
  io.to(userIds.map((id) => userRoom(tenantId, id))).emit(event, payload);
}

/** Makes every connected device of these users, on any node, join or leave a conversation's room. */
export function moveSockets(
  io: Broadcaster,
  tenantId: string,
  userIds: string[],
  conversationId: string,
  move: 'join' | 'leave',
): void {
  if (userIds.length === 0) return;
  const sockets = io.in(userIds.map((id) => userRoom(tenantId, id)));
  const room = conversationRoom(tenantId, conversationId);
  if (move === 'join') sockets.socketsJoin(room);
  else sockets.socketsLeave(room);
}
