/**
 * The Confab JavaScript SDK: a typed client for browsers and Node with reconnects, gap-free
 * sync, an offline outbox and local state a UI subscribes to.
 *
 * @packageDocumentation
 */
export { ConfabClient } from './client/confab-client.js';
export type { ConfabClientOptions } from './client/options.js';
export type { ClientEvents } from './client/events.js';
export type { MemberListView, MessageListView, ReadMarkers, UnreadView } from './client/views.js';
export { Views } from './client/views.js';
export { ConversationsApi } from './api/conversations.js';
export { MembersApi } from './api/members.js';
export { MessagesApi } from './api/messages.js';
export { ReactionsApi } from './api/reactions.js';
export { ReadsApi } from './api/reads.js';
export { ContactsApi } from './api/contacts.js';
export { PresenceApi, TypingApi } from './api/presence.js';
export { SyncApi } from './api/sync.js';
export { AuthError, ConfabError, NetworkError, RateLimitError } from './errors.js';
export type { AuthErrorCode, ClientErrorCode, ConfabErrorCode } from './errors.js';
export type { Logger } from './logger.js';
export type { OutboxEntry, SendOptions } from './outbox/outbox-entry.js';
export type { KeyValueStorage } from './storage/storage.js';
export { MemoryStorage } from './storage/storage.js';
export { IndexedDbStorage } from './storage/indexed-db.js';
export { LocalStorageStorage } from './storage/local-storage.js';
export type { ConnectionState, ConnectionStatus } from './transport/connection-state.js';
export type { TokenSource } from './transport/credentials.js';
export type { SocketSettings } from './transport/link.js';
export type { Readable } from './util/readable.js';
export type { BackoffOptions } from './util/backoff.js';
export type * from './protocol/models.js';
export type * from './protocol/changes.js';
export type { ErrorBody, ErrorCode, ErrorDetail } from './protocol/errors.js';
export type { ServerEvents } from './protocol/events.js';
export type { RequestInput, RequestName, RequestResults } from './protocol/requests/index.js';
