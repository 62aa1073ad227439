import type { RunningApi } from '@confab/server';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawStore, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { Chat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

/** A group of three and a few messages from its first user. */
async function groupWith(names: [string, string, string], texts: string[]) {
  const chat = await startChat(api, names);
  const [a, b, c] = names.map((n) => chat.users[n]!);
  const group = await a!.ok('conversation.createGroup', { title: 'G', memberIds: names.slice(1) });
  const sent = [];
  for (const [i, text] of texts.entries()) {
    sent.push(
      (await a!.ok('message.send', { conversationId: group.id, clientId: `m${i}`, text })).message,
    );
  }
  return { chat, a: a!, b: b!, c: c!, id: group.id, sent };
}

/** The text the store itself holds for a message, beneath the api. */
async function storedText(chat: Chat, conversationId: string, seq: number) {
  const store = await rawStore();
  try {
    const doc = await store.db.collection('messages').findOne({
      tenantId: chat.tenant.appId,
      conversationId: new ObjectId(conversationId),
      seq,
    });
    return doc?.text as string | undefined;
  } finally {
    await store.close();
  }
}

describe('editing', () => {
  it('lets the sender edit within the window and shows every member the new text', async () => {
    const { a, b, id, sent } = await groupWith(['ed', 'fi', 'gu'], ['helo']);
    const edited = await a.ok('message.edit', {
      conversationId: id,
      seq: sent[0]!.seq,
      text: 'hello',
    });
    expect(edited).toMatchObject({ text: 'hello', state: 'active' });
    expect(edited.editedAt).not.toBeNull();
    const live = await b.waitFor('message.edited', (e) => e.message.seq === sent[0]!.seq);
    expect(live.message.text).toBe('hello');
    expect(live.seq).toBeGreaterThan(sent[0]!.seq);

    const notMine = await b.request('message.edit', {
      conversationId: id,
      seq: sent[0]!.seq,
      text: 'x',
    });
    expect(notMine).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const list = await b.ok('conversation.list', {});
    expect(list.conversations[0]!.lastMessage!.text).toBe('hello');
  });

  it('refuses an edit after the tenant window with window_closed', async () => {
    const { chat, a, id, sent } = await groupWith(['ha', 'io', 'ju'], ['first']);
    await chat.tenant.settings({ editWindowSeconds: 0 });
    const late = await a.request('message.edit', {
      conversationId: id,
      seq: sent[0]!.seq,
      text: 'x',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'window_closed' } });
    const history = await a.ok('message.list', { conversationId: id });
    expect(history.messages.at(-1)!.text).toBe('first');
  });
});

describe('delete for everyone', () => {
  it('replaces the message with a tombstone for every member and erases its text', async () => {
    const { chat, a, b, c, id, sent } = await groupWith(['ka', 'lu', 'mo'], ['keep', 'secret']);
    await b.ok('reaction.add', { conversationId: id, seq: sent[1]!.seq });
    const reply = await c.ok('message.send', {
      conversationId: id,
      clientId: 'r',
      text: 'about that',
      replyToSeq: sent[1]!.seq,
    });
    expect(reply.message.replyTo).toMatchObject({ seq: sent[1]!.seq, text: 'secret' });

    const byOther = await b.request('message.delete', { conversationId: id, seq: sent[1]!.seq });
    expect(byOther).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const tomb = await a.ok('message.delete', { conversationId: id, seq: sent[1]!.seq });
    expect(tomb).toMatchObject({ state: 'deleted', text: '', reactions: [] });
    const live = await c.waitFor('message.deleted');
    expect(live.message).toMatchObject({ seq: sent[1]!.seq, state: 'deleted', text: '' });

    expect(await storedText(chat, id, sent[1]!.seq)).toBe('');
    const history = await b.ok('message.list', { conversationId: id });
    const texts = history.messages.filter((m) => m.type === 'text').map((m) => [m.text, m.state]);
    expect(texts).toEqual([
      ['keep', 'active'],
      ['', 'deleted'],
      ['about that', 'active'],
    ]);
    expect(history.messages.at(-1)!.replyTo).toMatchObject({ text: '', state: 'deleted' });

    const again = await a.request('message.delete', { conversationId: id, seq: sent[1]!.seq });
    expect(again).toMatchObject({ ok: false, error: { code: 'message_removed' } });
    const react = await b.request('reaction.add', { conversationId: id, seq: sent[1]!.seq });
    expect(react).toMatchObject({ ok: false, error: { code: 'message_removed' } });
  });

  it('corrects the conversation preview when the last message goes', async () => {
    const { a, b, id, sent } = await groupWith(['na', 'ot', 'pe'], ['older', 'newest']);
    await a.ok('message.delete', { conversationId: id, seq: sent[1]!.seq });
    const seen = (await b.ok('conversation.get', { conversationId: id })).lastMessage!;
    expect(seen).toMatchObject({ seq: sent[1]!.seq, state: 'deleted', text: '' });
  });
});

describe('recall', () => {
  it('recalls within the window: content erased everywhere, members see it was recalled', async () => {
    const { chat, a, b, id, sent } = await groupWith(['qa', 'ro', 'su'], ['oops']);
    const recalled = await a.ok('message.recall', { conversationId: id, seq: sent[0]!.seq });
    expect(recalled).toMatchObject({ state: 'recalled', text: '' });
    const live = await b.waitFor('message.recalled');
    expect(live.message).toMatchObject({ state: 'recalled', text: '', senderId: 'qa' });
    expect(await storedText(chat, id, sent[0]!.seq)).toBe('');
    const unread = await b.ok('unread.get', {});
    expect(unread.total).toBe(0);
  });

  it('refuses a recall after the window with window_closed, and by anyone but the sender', async () => {
    const { chat, a, b, id, sent } = await groupWith(['ta', 'ug', 'vo'], ['said']);
    const other = await b.request('message.recall', { conversationId: id, seq: sent[0]!.seq });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Conversations carry the windows, so clients offer recall only while it can succeed.
    const before = await a.request('conversation.get', { conversationId: id });
    expect(before).toMatchObject({
      ok: true,
      data: { recallWindowSeconds: 86_400, editWindowSeconds: 86_400 },
    });
    await chat.tenant.settings({ recallWindowSeconds: 0 });
    const after = await a.request('conversation.get', { conversationId: id });
    expect(after).toMatchObject({ ok: true, data: { recallWindowSeconds: 0 } });
    const late = await a.request('message.recall', { conversationId: id, seq: sent[0]!.seq });
    expect(late).toMatchObject({ ok: false, error: { code: 'window_closed' } });
    expect(await storedText(chat, id, sent[0]!.seq)).toBe('said');
  });
});

describe('delete for me', () => {
  it('hides a message on all my devices, in history, sync and unread, and nobody else', async () => {
    const { chat, a, b, id, sent } = await groupWith(['wa', 'xe', 'yo'], ['one', 'two']);
    const bPhone = await chat.device('xe');
    expect((await b.ok('unread.get', {})).total).toBe(2);

    expect(await b.ok('message.hide', { conversationId: id, seq: sent[0]!.seq })).toEqual({
      hidden: true,
    });
    const hidden = await bPhone.waitFor('message.hidden');
    expect(hidden).toMatchObject({ conversationId: id, seq: sent[0]!.seq });

    const mine = await bPhone.ok('message.list', { conversationId: id });
    expect(mine.messages.filter((m) => m.type === 'text').map((m) => m.text)).toEqual(['two']);
    const sync = await bPhone.ok('sync.conversation', { conversationId: id, afterSeq: 0 });
    expect(sync.changes.filter((c) => c.type === 'message.new').map((c) => c.seq)).not.toContain(
      sent[0]!.seq,
    );
    expect((await bPhone.ok('unread.get', {})).total).toBe(1);

    const theirs = await a.ok('message.list', { conversationId: id });
    expect(theirs.messages.filter((m) => m.type === 'text').map((m) => m.text)).toEqual([
      'one',
      'two',
    ]);
    const search = await bPhone.ok('message.search', { conversationId: id, query: 'one' });
    expect(search.messages).toEqual([]);
  });
});

describe('replies, mentions and search', () => {
  it('keeps mentions of members only and finds text case-insensitively, paged', async () => {
    const { a, b, id } = await groupWith(['za', 'ab', 'ce'], []);
    const sent = await a.ok('message.send', {
      conversationId: id,
      clientId: 'men',
      text: '@ab look',
      mentions: ['ab', 'stranger', 'ab'],
    });
    expect(sent.message.mentions).toEqual(['ab']);
    for (let i = 0; i < 5; i += 1) {
      await a.ok('message.send', {
        conversationId: id,
        clientId: `s${i}`,
        text: `Report ${i} (v1.2)`,
      });
    }
    const page1 = await b.ok('message.search', { conversationId: id, query: 'report', limit: 3 });
    expect(page1.messages.map((m) => m.text)).toEqual([
      'Report 2 (v1.2)',
      'Report 3 (v1.2)',
      'Report 4 (v1.2)',
    ]);
    expect(page1.hasMore).toBe(true);
    const page2 = await b.ok('message.search', {
      conversationId: id,
      query: 'REPORT',
      limit: 3,
      beforeSeq: page1.messages[0]!.seq,
    });
    expect(page2.messages.map((m) => m.text)).toEqual(['Report 0 (v1.2)', 'Report 1 (v1.2)']);
    // Regex characters in the query are plain text.
    const literal = await b.ok('message.search', { conversationId: id, query: '(v1.2)' });
    expect(literal.messages).toHaveLength(5);
    const dotted = await b.ok('message.search', { conversationId: id, query: 'v1x2' });
    expect(dotted.messages).toHaveLength(0);

    const badReply = await a.request('message.send', {
      conversationId: id,
      clientId: 'bad-reply',
      text: 'to nothing',
      replyToSeq: 9_999,
    });
    expect(badReply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
