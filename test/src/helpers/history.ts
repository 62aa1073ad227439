import type { Message } from '@confab/sdk';

/**
 * Every text message of a conversation, oldest first, read page by page through the REST
 * history as the holder of `token` sees it: what the store kept, beside what a client shows.
 */
export async function textHistory(
  url: string,
  token: string,
  conversationId: string,
): Promise<Message[]> {
  const all: Message[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const query = `limit=100${beforeSeq ? `&beforeSeq=${beforeSeq}` : ''}`;
    const res = await fetch(`${url}/v1/conversations/${conversationId}/messages?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { messages: Message[]; hasMore: boolean };
    all.unshift(...page.messages.filter((m) => m.type === 'text'));
    if (!page.hasMore || page.messages.length === 0) return all;
    beforeSeq = page.messages[0]!.seq;
  }
}
