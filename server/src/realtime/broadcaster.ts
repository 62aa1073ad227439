/**
 * What the domain needs to reach connected sockets on every api node: the Socket.IO server of
 * an api node, or a worker's Socket.IO server that has no sockets of its own. Both reach the
 * same rooms through the Redis adapter.
 */
export interface Broadcaster {
  to(room: string | string[]): BroadcastTarget;
  in(room: string | string[]): BroadcastTarget;
}

export interface BroadcastTarget {
  except(room: string | string[]): BroadcastTarget;
  emit(event: string, ...args: unknown[]): unknown;
  socketsJoin(room: string | string[]): void;
  socketsLeave(room: string | string[]): void;
  disconnectSockets(close?: boolean): void;
}
