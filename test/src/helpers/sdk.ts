import { ConfabClient } from '@confab/sdk';
import type { ConfabClientOptions, ConversationChange, Readable } from '@confab/sdk';

import { waitFor } from './wait.js';

const open = new Set<ConfabClient>();

/** An SDK client for one device; every one made here is closed by `closeSdkClients`. */
export function sdkClient(url: string, options: Omit<ConfabClientOptions, 'url'>): ConfabClient {
  const client = new ConfabClient({
    url,
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
    ...options,
  });
  open.add(client);
  return client;
}

export async function closeSdkClients(): Promise<void> {
  await Promise.all([...open].map((client) => client.close()));
  open.clear();
}

/** Every shared change a client delivers, in delivery order. */
export function recordChanges(client: ConfabClient): ConversationChange[] {
  const seen: ConversationChange[] = [];
  client.on('change', (change) => seen.push(change));
  return seen;
}

/** Waits until a view's value passes `check`, and answers that value. */
export function until<T>(view: Readable<T>, check: (value: T) => boolean, what: string) {
  return waitFor(() => (check(view.get()) ? view.get() : undefined), { what });
}

/** The texts of a conversation's text messages, as the client holds them. */
export function textsOf(client: ConfabClient, conversationId: string): string[] {
  return client.state
    .messages(conversationId)
    .get()
    .messages.filter((m) => m.type === 'text')
    .map((m) => m.text);
}
