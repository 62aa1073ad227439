import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';

import { AuthError, NetworkError, errorFromBody } from '../errors.js';
import type { ConfabError } from '../errors.js';
import type { Ack, ErrorBody } from '../protocol/errors.js';

export type SocketSettings = Partial<ManagerOptions & SocketOptions>;

export interface LinkHandlers {
  /** A server event (anything but the socket's own lifecycle events). */
  onEvent(event: string, payload: unknown): void;
  /** The socket is gone; `expired` when the server said the token ran out first. */
  onClosed(link: Link, reason: string, expired: boolean): void;
}

/**
 * One Socket.IO connection, authenticated by one token, from connect to close. The SDK opens a
 * new link for every attempt and for every token refresh, so an old link can finish its
 * requests while the new one takes over. Socket.IO's own reconnection is off: the connection
 * manager decides when to try again and with which token.
 */
export class Link {
  private readonly socket: Socket;
  private readonly pending = new Set<(error: ConfabError) => void>();
  private expired = false;
  private closed = false;

  constructor(
    url: string,
    token: string,
    settings: SocketSettings,
    private readonly handlers: LinkHandlers,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      ...settings,
      auth: { token },
      reconnection: false,
      autoConnect: false,
      forceNew: true,
    });
    this.socket.onAny((event: string, payload: unknown) => {
      if (event === 'session.expired') this.expired = true;
      this.handlers.onEvent(event, payload);
    });
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
  }

  /** Connects; rejects with the server's refusal (AuthError) or a NetworkError. */
  open(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.close();
        reject(new NetworkError('timeout', 'The server did not answer the connection in time'));
      }, timeoutMs);
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error & { data?: unknown }) => {
        cleanup();
        this.close();
        reject(refusal(error));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.socket.off('connect', onConnect);
        this.socket.off('connect_error', onError);
      };
      this.socket.on('connect', onConnect);
      this.socket.on('connect_error', onError);
      this.socket.connect();
    });
  }

  get connected(): boolean {
    return this.socket.connected && !this.closed;
  }

  /** How many requests wait for their answer. */
  get busy(): number {
    return this.pending.size;
  }

  /** Sends one request and resolves with its data, or rejects with the refusal. */
  request<T>(name: string, input: unknown, timeoutMs: number): Promise<T> {
    if (!this.connected) return Promise.reject(disconnected());
    return new Promise<T>((resolve, reject) => {
      const fail = (error: ConfabError) => {
        this.pending.delete(fail);
        reject(error);
      };
      this.pending.add(fail);
      this.socket.timeout(timeoutMs).emit(name, input, (error: Error | null, ack: Ack<T>) => {
        if (!this.pending.has(fail)) return;
        this.pending.delete(fail);
        if (error) reject(new NetworkError('timeout', `No answer to ${name} in time`));
        else if (ack.ok) resolve(ack.data);
        else reject(errorFromBody(ack.error));
      });
    });
  }

  /** Sends an event with no answer expected (typing). */
  notify(name: string, input: unknown): void {
    if (this.connected) this.socket.volatile.emit(name, input);
  }

  close(): void {
    if (this.closed) return;
    this.socket.disconnect();
    this.onDisconnect('io client disconnect');
  }

  private onDisconnect(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.offAny();
    this.socket.disconnect();
    const error = disconnected();
    for (const fail of [...this.pending]) fail(error);
    this.handlers.onClosed(this, reason, this.expired);
  }
}

function disconnected(): NetworkError {
  return new NetworkError('network', 'The connection dropped before the answer came');
}

/** A refused handshake carries `{ code, message }`; anything else is the network's fault. */
function refusal(error: Error & { data?: unknown }): ConfabError {
  const data = error.data as Partial<ErrorBody> | undefined;
  if (data && typeof data.code === 'string' && typeof data.message === 'string') {
    const mapped = errorFromBody(data as ErrorBody);
    if (mapped instanceof AuthError || mapped.code !== 'internal') return mapped;
  }
  return new NetworkError('network', `Could not connect: ${error.message}`, error);
}
