import type { ConversationChange, UserChange } from '@confab/sdk/protocol';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { TestClient } from '../helpers/clients.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

/** Reads the whole conversation log after `afterSeq`, page by page. */
async function syncAll(
  client: TestClient,
  conversationId: string,
  afterSeq: number,
  limit: number,
) {
  const changes: ConversationChange[] = [];
  let cursor = afterSeq;
  for (let page = 0; page < 100; page += 1) {
    const answer = await client.ok('sync.conversation', {
      conversationId,
      afterSeq: cursor,
      limit,
    });
    changes.push(...answer.changes);
    expect(answer.lastSeq).toBeGreaterThanOrEqual(cursor);
    cursor = answer.lastSeq;
    if (!answer.hasMore) return { changes, cursor };
  }
  throw new Error('sync did not end');
}

describe('sync after a reconnect', () => {
  it('gives every missed shared change exactly once and in seq order, paged', async () => {
    const { tenant, users, device } = await startChat(api, ['ali', 'ben', 'cam']);
    const g = await users.ali!.ok('conversation.createGroup', { title: 'Log', memberIds: ['ben'] });
    const before = await users.ali!.ok('message.send', {
      conversationId: g.id,
      clientId: 'm0',
      text: 'seen',
    });
    const cursor = before.message.seq;
    users.ben!.close();

    const sent = [];
    for (let i = 1; i <= 4; i += 1) {
      sent.push(
        (
          await users.ali!.ok('message.send', {
            conversationId: g.id,
            clientId: `m${i}`,
            text: `t${i}`,
          })
        ).message,
      );
    }
    await users.ali!.ok('message.edit', {
      conversationId: g.id,
      seq: sent[0]!.seq,
      text: 't1 edited',
    });
    await users.ali!.ok('message.delete', { conversationId: g.id, seq: sent[1]!.seq });
    await users.ali!.ok('message.recall', { conversationId: g.id, seq: sent[2]!.seq });
    await users.ali!.ok('reaction.add', {
      conversationId: g.id,
      seq: before.message.seq,
      reaction: '🎉',
    });
    await users.ali!.ok('member.add', { conversationId: g.id, userIds: ['cam'] });
    await users.ali!.ok('conversation.update', { conversationId: g.id, title: 'Log 2' });
    const lastSeq = (await users.ali!.ok('conversation.get', { conversationId: g.id })).lastSeq;

    const back = await device('ben');
    const { changes, cursor: end } = await syncAll(back, g.id, cursor, 3);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(end).toBe(lastSeq);
    expect(seqs.every((seq) => seq > cursor && seq <= lastSeq)).toBe(true);
    expect(changes.map((c) => c.type)).toEqual([
      'message.new',
      'message.new',
      'message.new',
      'message.new',
      'message.edited',
      'message.deleted',
      'message.recalled',
      'reaction.changed',
      'message.new',
      'conversation.updated',
      'message.new',
    ]);
    const newOnes = changes.filter((c) => c.type === 'message.new');
    // Messages appear as they are now: the deleted one already a tombstone.
    expect(newOnes.map((c) => [c.message.text, c.message.state])).toEqual([
      ['t1 edited', 'active'],
      ['', 'deleted'],
      ['', 'recalled'],
      ['t4', 'active'],
      ['', 'active'],
      ['', 'active'],
    ]);
    expect(newOnes.slice(-2).map((c) => c.message.system?.action)).toEqual([
      'member.added',
      'conversation.renamed',
    ]);
    const reaction = changes.find((c) => c.type === 'reaction.changed');
    expect(reaction).toMatchObject({ targetSeq: before.message.seq, reaction: '🎉', added: true });

    // Nothing new: an empty answer that keeps the cursor.
    const idle = await back.ok('sync.conversation', { conversationId: g.id, afterSeq: end });
    expect(idle).toEqual({ changes: [], hasMore: false, lastSeq: end });
    // Paging does not change the answer.
    const whole = await back.ok('sync.conversation', {
      conversationId: g.id,
      afterSeq: cursor,
      limit: 500,
    });
    expect(whole.changes).toEqual(changes);
    const rest = await (
      await tenant.rest('ben')
    ).get(`/conversations/${g.id}/changes?afterSeq=${cursor}`);
    expect(rest.body.changes).toEqual(changes);
  });

  it('gives every missed private change exactly once and in order', async () => {
    const { users, device } = await startChat(api, ['dia', 'eli']);
    const chat = await users.dia!.ok('conversation.openDirect', { userId: 'eli' });
    const { message } = await users.dia!.ok('message.send', {
      conversationId: chat.id,
      clientId: 'x',
      text: 'hi',
    });
    const start = await users.eli!.ok('sync.user', { afterSeq: 0 });
    const cursor = start.lastSeq;
    users.eli!.close();

    const other = await device('eli');
    await other.ok('read.mark', { conversationId: chat.id, seq: message.seq });
    await other.ok('message.hide', { conversationId: chat.id, seq: message.seq });
    await other.ok('conversation.mute', { conversationId: chat.id, muted: true });
    await users.dia!.ok('contact.request', { userId: 'eli' });
    const g = await users.dia!.ok('conversation.createGroup', { title: 'New', memberIds: ['eli'] });
    await users.dia!.ok('member.remove', { conversationId: g.id, userId: 'eli' });

    const back = await device('eli');
    const changes: UserChange[] = [];
    let after = cursor;
    for (;;) {
      const page = await back.ok('sync.user', { afterSeq: after, limit: 2 });
      changes.push(...page.changes);
      after = page.lastSeq;
      if (!page.hasMore) break;
    }
    expect(changes.map((c) => c.type)).toEqual([
      'read.updated',
      'message.hidden',
      'conversation.muted',
      'contact.updated',
      'conversation.joined',
      'conversation.left',
    ]);
    const userSeqs = changes.map((c) => c.userSeq);
    expect(userSeqs).toEqual([...userSeqs].sort((a, b) => a - b));
    expect(new Set(userSeqs).size).toBe(userSeqs.length);
    expect(changes[0]).toMatchObject({ conversationId: chat.id, readSeq: message.seq });
    expect(changes[5]).toMatchObject({ conversationId: g.id, reason: 'removed' });
  });
});

describe('typing', () => {
  it('tells the other members, throttled, and never the typist or outsiders', async () => {
    const { users, device } = await startChat(api, ['fox', 'gus', 'hex']);
    const chat = await users.fox!.ok('conversation.openDirect', { userId: 'gus' });
    const foxTablet = await device('fox');
    expect(await users.fox!.ok('typing.start', { conversationId: chat.id })).toEqual({
      sent: true,
    });
    expect(await users.fox!.ok('typing.start', { conversationId: chat.id })).toEqual({
      sent: false,
    });
    const seen = await users.gus!.waitFor('typing.started');
    expect(seen).toEqual({ conversationId: chat.id, userId: 'fox' });

    await users.gus!.ok('message.send', { conversationId: chat.id, clientId: 'g', text: 'go on' });
    await foxTablet.waitFor('message.new');
    expect(foxTablet.events('typing.started')).toEqual([]);
    const outsider = await users.hex!.request('typing.start', { conversationId: chat.id });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
