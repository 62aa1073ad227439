import { ContactsApi } from '../api/contacts.js';
import { ConversationsApi } from '../api/conversations.js';
import { MembersApi } from '../api/members.js';
import { MessagesApi } from '../api/messages.js';
import { PresenceApi, TypingApi } from '../api/presence.js';
import { ReactionsApi } from '../api/reactions.js';
import { ReadsApi } from '../api/reads.js';
import { SyncApi } from '../api/sync.js';
import { ConfabError } from '../errors.js';
import type { RequestInput, RequestName, RequestResults } from '../protocol/requests/index.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { Credentials } from '../transport/credentials.js';
import type { TokenSource } from '../transport/credentials.js';
import type { ClientEvents } from './events.js';
import { resolveOptions } from './options.js';
import type { ConfabClientOptions } from './options.js';
import { Runtime } from './runtime.js';
import { Views } from './views.js';

/**
 * A Confab user's connection to their chats. It connects with a token (or a function that
 * fetches one), keeps the connection through drops and token refreshes, brings its local
 * state level with the server after each reconnect, sends messages through an outbox that
 * survives drops and reloads, and offers every request of the protocol as a typed method.
 *
 * @example
 * const client = new ConfabClient({ url: 'https://chat.example.com', token: fetchToken });
 * client.state.conversations().subscribe((list) => render(list));
 * await client.connect();
 * const chat = await client.conversations.openDirect('bob');
 * await client.messages.send(chat.id, 'Hi Bob');
 */
export class ConfabClient {
  /** Conversations: list, open, create, rename, leave, mute. */
  readonly conversations: ConversationsApi;
  /** Group members and roles. */
  readonly members: MembersApi;
  /** Send, history, edit, delete, recall, hide, search; the outbox's retry and cancel. */
  readonly messages: MessagesApi;
  /** Likes and emoji reactions. */
  readonly reactions: ReactionsApi;
  /** Read marks, read positions, receipts, unread counts. */
  readonly reads: ReadsApi;
  /** Contacts and blocks. */
  readonly contacts: ContactsApi;
  /** Online state and last seen. */
  readonly presence: PresenceApi;
  /** Typing indicators. */
  readonly typing: TypingApi;
  /** The change logs, read directly. */
  readonly sync: SyncApi;
  /** The local state as values a UI subscribes to. */
  readonly state: Views;

  private readonly runtime: Runtime;
  private readonly credentials: Credentials;
  private restored: Promise<void> | null = null;
  private readonly unwatchNetwork: () => void;

  constructor(options: ConfabClientOptions) {
    const resolved = resolveOptions(options);
    this.credentials = new Credentials(resolved.token);
    this.runtime = new Runtime(resolved, this.credentials);
    this.conversations = new ConversationsApi(this.runtime);
    this.members = new MembersApi(this.runtime);
    this.messages = new MessagesApi(this.runtime);
    this.reactions = new ReactionsApi(this.runtime);
    this.reads = new ReadsApi(this.runtime);
    this.contacts = new ContactsApi(this.runtime);
    this.presence = new PresenceApi(this.runtime);
    this.typing = new TypingApi(this.runtime);
    this.sync = new SyncApi(this.runtime);
    this.state = new Views(this.runtime);
    this.unwatchNetwork = watchNetwork(() => this.runtime.connection.retryNow());
  }

  /** The user this client acts for; known once `connect()` has read the first token. */
  get userId(): string {
    return this.runtime.state.userId;
  }

  /** The connection as it is now; `client.state.connection()` to follow it. */
  get connectionState(): ConnectionState {
    return this.runtime.connection.current;
  }

  /**
   * Loads the cached state and the outbox (views show them at once, even offline), then
   * connects. Resolves once connected and caught up with the server; rejects when it cannot
   * go on by itself (the token was refused and no provider can give another, the user is
   * banned). Drops and network failures are retried with backoff meanwhile.
   *
   * @example
   * try {
   *   await client.connect();
   * } catch (error) {
   *   if (error instanceof AuthError && error.code === 'user_banned') showBanned();
   * }
   */
  connect(): Promise<void> {
    const done = this.start();
    // A host that starts without awaiting (to read the cache offline, say) and closes later
    // must not get an unhandled rejection; one that awaits still sees the error.
    done.catch(() => undefined);
    return done;
  }

  private async start(): Promise<void> {
    this.restored ??= this.runtime.restore().catch((error: unknown) => {
      this.restored = null;
      throw error;
    });
    await this.restored;
    const connection = this.runtime.connection;
    if (connection.current.status === 'closed') {
      throw new ConfabError('closed', 'The client was closed');
    }
    const synced = new Promise<void>((resolve, reject) => {
      const check = (state: ConnectionState) => {
        if (state.status === 'connected' && state.synced) resolve();
        else if (state.status === 'failed' && state.error) reject(state.error);
        else if (state.status === 'closed') reject(new ConfabError('closed', 'Client closed'));
        else return;
        stop();
      };
      const stop = this.runtime.events.on('connection', check);
      check(connection.current);
    });
    connection.start();
    return synced;
  }

  /**
   * Gives a new token (or provider), as after the user signed in again; a client that had
   * stopped on a refused token connects again. It must be for the same user and tenant.
   *
   * @example
   * client.setToken(await fetchToken());
   */
  setToken(token: TokenSource): void {
    this.credentials.replace(token);
    if (this.runtime.connection.current.status === 'failed') this.runtime.connection.start();
  }

  /**
   * Listens to an event; the returned function stops listening.
   *
   * @example
   * client.on('change', (change) => console.log(change.type, change.seq));
   * client.on('connection', (state) => banner.toggle(state.status !== 'connected'));
   */
  on<E extends keyof ClientEvents>(event: E, listener: (payload: ClientEvents[E]) => void) {
    return this.runtime.events.on(event, listener);
  }

  /**
   * Sends any request of the protocol catalogue by name; the typed methods above use it.
   *
   * @example
   * const { total } = await client.request('unread.get', {});
   */
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestResults[N]> {
    return this.runtime.request(name, input);
  }

  /**
   * Disconnects and stops. Messages still in the outbox stay saved and go out with the next
   * client of this user on this device.
   *
   * @example
   * window.addEventListener('pagehide', () => void client.close());
   */
  close(): Promise<void> {
    this.unwatchNetwork();
    return this.runtime.close();
  }
}

type EventTargetLike = {
  addEventListener?: (name: string, fn: () => void) => void;
  removeEventListener?: (name: string, fn: () => void) => void;
};

/** In browsers, try at once when the device comes back online; answers how to stop. */
function watchNetwork(onOnline: () => void): () => void {
  const target = globalThis as EventTargetLike;
  if (typeof target.addEventListener !== 'function' || !('navigator' in globalThis)) {
    return () => undefined;
  }
  target.addEventListener('online', onOnline);
  return () => target.removeEventListener?.('online', onOnline);
}
