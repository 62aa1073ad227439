import { ConfabError, RateLimitError, toConfabError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Message } from '../protocol/models.js';
import type { KeyValueStorage } from '../storage/storage.js';
import { backoffDelay } from '../util/backoff.js';
import type { BackoffOptions } from '../util/backoff.js';
import { newClientId } from '../util/ids.js';
import type { OutboxEntry, SendOptions } from './outbox-entry.js';

export interface OutboxOptions {
  storage: KeyValueStorage;
  backoff: BackoffOptions;
  logger: Logger;
  isConnected(): boolean;
  send(entry: OutboxEntry): Promise<{ message: Message; duplicate: boolean }>;
  onChange(entries: readonly OutboxEntry[]): void;
  onStored(message: Message): void;
}

interface Waiter {
  resolve(message: Message): void;
  reject(error: ConfabError): void;
}

/**
 * Messages waiting to be stored. They go out one at a time, in the order they were written,
 * each with its client id for every attempt: the server stores a client id once and answers
 * a repeat with the stored message, so a send whose answer was lost to a dropped connection
 * is retried without doubling. Entries survive a reload through the storage. A refusal that
 * retrying cannot fix (not a member, too long) marks the entry failed and the queue moves on.
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private readonly waiters = new Map<string, Waiter[]>();
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;
  private key: string | null = null;

  constructor(private readonly options: OutboxOptions) {}

  get list(): readonly OutboxEntry[] {
    return this.entries;
  }

  /**
   * Reads entries left by an earlier page or process under `key`, which names the user and
   * tenant so users never share an outbox; those that were sending are pending again.
   */
  async load(key: string): Promise<void> {
    this.key = key;
    const saved = await this.options.storage.get<OutboxEntry[]>(key);
    const known = new Set(this.entries.map((e) => e.clientId));
    const restored = (saved ?? [])
      .filter((entry) => !known.has(entry.clientId))
      .map((entry) => ({ ...entry, status: entry.status === 'failed' ? 'failed' : 'pending' }));
    this.entries = [...(restored as OutboxEntry[]), ...this.entries];
    this.changed();
  }

  /** Queues a message; resolves with it once stored, rejects if it fails or is cancelled. */
  add(conversationId: string, text: string, options: SendOptions = {}): Promise<Message> {
    const entry: OutboxEntry = {
      clientId: options.clientId ?? newClientId(),
      conversationId,
      text,
      status: 'pending',
      createdAt: new Date().toISOString(),
      attempts: 0,
      error: null,
    };
    if (options.replyToSeq !== undefined) entry.replyToSeq = options.replyToSeq;
    if (options.mentions !== undefined) entry.mentions = options.mentions;
    const existing = this.entries.find((e) => e.clientId === entry.clientId);
    if (!existing) this.entries.push(entry);
    const done = this.wait(entry.clientId);
    this.changed();
    this.kick();
    return done;
  }

  /** Sends a failed entry again, with the same client id. */
  retry(clientId: string): Promise<Message> {
    const entry = this.entries.find((e) => e.clientId === clientId);
    if (!entry) return Promise.reject(new ConfabError('not_found', 'No such message waits'));
    if (entry.status === 'failed') this.replace(entry, { status: 'pending', error: null });
    const done = this.wait(clientId);
    this.kick();
    return done;
  }

  /**
   * Takes an entry out. One being sent at that moment may still be stored; it then shows up
   * in the conversation like any message.
   */
  cancel(clientId: string): boolean {
    const entry = this.entries.find((e) => e.clientId === clientId);
    if (!entry) return false;
    this.entries = this.entries.filter((e) => e !== entry);
    this.settle(clientId, new ConfabError('cancelled', 'The message was cancelled'));
    this.changed();
    return true;
  }

  /** The server stored a message of ours (seen live or in a sync): its entry is done. */
  confirm(message: Message): void {
    const entry = this.entries.find(
      (e) => e.clientId === message.clientId && e.conversationId === message.conversationId,
    );
    if (!entry) return;
    this.entries = this.entries.filter((e) => e !== entry);
    this.settle(message.clientId, message);
    this.changed();
  }

  /** Starts sending what waits, if connected and not sending already. */
  kick(): void {
    if (this.stopped || this.flushing || !this.options.isConnected()) return;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.flushing = this.flush().then(
      (drained) => {
        this.flushing = null;
        // A message added while the last pass was ending saw it still running and did not
        // start one; it goes out now.
        if (drained && this.entries.some((e) => e.status === 'pending')) this.kick();
      },
      () => {
        this.flushing = null;
      },
    );
  }

  /** Stops sending; entries stay saved for the next client of this user. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    await this.saving;
  }

  /** Sends pending entries in order; answers true once none is left to send. */
  private async flush(): Promise<boolean> {
    for (;;) {
      if (this.stopped || !this.options.isConnected()) return false;
      const entry = this.entries.find((e) => e.status === 'pending');
      if (!entry) return true;
      const sending = this.replace(entry, { status: 'sending', attempts: entry.attempts + 1 });
      try {
        const { message } = await this.options.send(sending);
        this.options.onStored(message);
        this.confirm(message);
      } catch (thrown) {
        const error = toConfabError(thrown);
        const current = this.entries.find((e) => e.clientId === entry.clientId);
        if (!current) continue;
        const body = { code: error.code, message: error.message };
        if (!error.retryable && error.code !== 'token_expired') {
          this.replace(current, { status: 'failed', error: body });
          this.settle(entry.clientId, error);
          continue;
        }
        this.replace(current, { status: 'pending', error: body });
        this.options.logger.debug('send will be retried', { code: error.code });
        // A dropped connection retries on reconnect (which kicks the outbox); other
        // retryable refusals wait: as long as the server asked, or a growing backoff.
        if (error.code !== 'network' && error.code !== 'token_expired') {
          const delay =
            error instanceof RateLimitError
              ? error.retryAfter * 1000
              : backoffDelay(current.attempts, this.options.backoff);
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.kick();
          }, delay);
        }
        return false;
      }
    }
  }

  private wait(clientId: string): Promise<Message> {
    const promise = new Promise<Message>((resolve, reject) => {
      this.waiters.set(clientId, [...(this.waiters.get(clientId) ?? []), { resolve, reject }]);
    });
    // A host that fires and forgets a send must not get an unhandled rejection; one that
    // awaits it still sees the error.
    promise.catch(() => undefined);
    return promise;
  }

  private settle(clientId: string, outcome: Message | ConfabError): void {
    const waiting = this.waiters.get(clientId) ?? [];
    this.waiters.delete(clientId);
    for (const waiter of waiting) {
      if (outcome instanceof ConfabError) waiter.reject(outcome);
      else waiter.resolve(outcome);
    }
  }

  private replace(entry: OutboxEntry, patch: Partial<OutboxEntry>): OutboxEntry {
    const next = { ...entry, ...patch };
    this.entries = this.entries.map((e) => (e.clientId === entry.clientId ? next : e));
    this.changed();
    return next;
  }

  private changed(): void {
    this.options.onChange(this.entries);
    const key = this.key;
    if (key === null) return;
    const snapshot = this.entries;
    this.saving = this.saving
      .then(() => this.options.storage.set(key, snapshot))
      .catch((error: unknown) => {
        this.options.logger.warn('outbox save failed', { error: String(error) });
      });
  }
}
