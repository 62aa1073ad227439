import { randomUUID } from 'node:crypto';

import type { Message } from '@confab/sdk';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

export const now = () => performance.timeOrigin + performance.now();

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

/** One user's connection in the bench process itself: sends, and sees what arrives when. */
export class BenchClient {
  /** Arrival time of each message.new, by client id. */
  readonly arrived = new Map<string, number>();
  private waiters = new Map<string, (at: number) => void>();

  private constructor(readonly socket: Socket) {
    socket.on('message.new', (payload: { message: Message }) => {
      const at = now();
      this.arrived.set(payload.message.clientId, at);
      this.waiters.get(payload.message.clientId)?.(at);
    });
  }

  static open(url: string, token: string): Promise<BenchClient> {
    const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new BenchClient(socket)));
      socket.once('connect_error', reject);
    });
  }

  async request<T>(name: string, input: object): Promise<T> {
    const ack = (await this.socket.timeout(60_000).emitWithAck(name, input)) as Ack<T>;
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error?.code} ${ack.error?.message}`);
    return ack.data!;
  }

  /** Sends a message; answers its client id, when it went out and when the ack came. */
  async send(conversationId: string, text: string) {
    const clientId = randomUUID();
    const sentAt = now();
    const { message } = await this.request<{ message: Message }>('message.send', {
      conversationId,
      clientId,
      text,
    });
    return { clientId, sentAt, ackAt: now(), message };
  }

  /** Resolves with the arrival time of the message of this client id. */
  arrival(clientId: string, timeoutMs = 60_000): Promise<number> {
    const seen = this.arrived.get(clientId);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${clientId}`)), timeoutMs);
      this.waiters.set(clientId, (at) => {
        clearTimeout(timer);
        this.waiters.delete(clientId);
        resolve(at);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
