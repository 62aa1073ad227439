import type { Broadcaster, BroadcastTarget } from './broadcaster.js';

type Operation = () => void;

/**
 * The rooms as the domain sees them: every broadcast, join, leave and disconnect it asks for
 * goes out once the current turn of the event loop is over, in the order it was asked. A send
 * is acknowledged first and written to thousands of sockets after, so the sender's ack does not
 * grow with the group; and since every operation waits in the same line, a leave still comes
 * after the messages published before it, as it would without waiting.
 */
export function deferBroadcasts(io: Broadcaster, onError: (error: unknown) => void): Broadcaster {
  const waiting: Operation[] = [];
  const drain = () => {
    for (const operation of waiting.splice(0)) {
      try {
        operation();
      } catch (error) {
        onError(error);
      }
    }
  };
  const later = (operation: Operation) => {
    waiting.push(operation);
    if (waiting.length === 1) setImmediate(drain);
  };

  const target = (rooms: string | string[], excepted: (string | string[])[]): BroadcastTarget => {
    const live = () => excepted.reduce((t, room) => t.except(room), io.to(rooms));
    return {
      except: (room) => target(rooms, [...excepted, room]),
      emit: (event, ...args) => {
        later(() => live().emit(event, ...args));
        return true;
      },
      socketsJoin: (room) => later(() => live().socketsJoin(room)),
      socketsLeave: (room) => later(() => live().socketsLeave(room)),
      disconnectSockets: (close) => later(() => live().disconnectSockets(close)),
    };
  };
  return { to: (rooms) => target(rooms, []), in: (rooms) => target(rooms, []) };
}
