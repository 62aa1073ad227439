import type {
  Ack,
  RequestInput,
  RequestName,
  RequestResults,
  ServerEvents,
} from '@confab/sdk/protocol';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

import { waitFor } from './wait.js';

/** A real Socket.IO client of one user's device, with typed requests and event capture. */
export class TestClient {
  /** Every event received, with the time it arrived (ms since the epoch). */
  readonly received: { event: string; payload: unknown; at: number }[] = [];

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload, at: Date.now() });
    });
  }

  /** Sends a request event and resolves with its ack, success or error. */
  request<N extends RequestName>(
    name: N,
    input: RequestInput<N> | unknown,
    timeoutMs = 15_000,
  ): Promise<Ack<RequestResults[N]>> {
    const sent = this.socket.timeout(timeoutMs).emitWithAck(name, input);
    return sent as Promise<Ack<RequestResults[N]>>;
  }

  /** Like `request`, but throws unless the server accepted it. */
  async ok<N extends RequestName>(
    name: N,
    input: RequestInput<N>,
    timeoutMs?: number,
  ): Promise<RequestResults[N]> {
    const ack = await this.request(name, input, timeoutMs);
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  /** Every payload received so far for one event. */
  events<E extends keyof ServerEvents>(event: E): ServerEvents[E][] {
    return this.received
      .filter((item) => item.event === event)
      .map((item) => item.payload as ServerEvents[E]);
  }

  /** Like `events`, with the time each arrived. */
  timed<E extends keyof ServerEvents>(event: E): { payload: ServerEvents[E]; at: number }[] {
    return this.received
      .filter((item) => item.event === event)
      .map((item) => ({ payload: item.payload as ServerEvents[E], at: item.at }));
  }

  /** Waits for an event of this name (matching `where`, if given) and answers its payload. */
  waitFor<E extends keyof ServerEvents>(
    event: E,
    where: (payload: ServerEvents[E]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ServerEvents[E]> {
    return waitFor(() => this.events(event).find(where), { timeoutMs, what: event });
  }

  /** Forgets the events received so far. */
  forget(): void {
    this.received.length = 0;
  }

  close(): void {
    this.socket.disconnect();
  }
}

const open = new Set<TestClient>();

/** Connects as the holder of a token; rejects with the server's refusal if it is refused. */
export function connect(url: string, token: string): Promise<TestClient> {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      const client = new TestClient(socket);
      open.add(client);
      resolve(client);
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

export function closeAllClients(): void {
  for (const client of open) client.close();
  open.clear();
}
