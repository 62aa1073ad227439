import type { RunningApi, RunningWorker } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawStore, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { Chat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { finished, startTestWorker } from '../helpers/jobs.js';
import { insertOldMessages } from '../helpers/old-messages.js';

const DAY = 24 * 60 * 60 * 1000;
let api: RunningApi;
let worker: RunningWorker;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
});

afterAll(async () => {
  closeAllClients();
  await worker?.close();
  await api?.close();
});

/** Runs the retention job as if it were `now`, and answers its report. */
async function retainAt(chat: Chat, now: Date) {
  const job = await worker.queues.add('retention.sweep', {
    tenantId: chat.tenant.appId,
    now: now.toISOString(),
  });
  const outcome = await finished(worker.queues, 'maintenance', job.id!);
  expect(outcome.state).toBe('completed');
  return outcome.result as Record<string, number>;
}

async function counts(chat: Chat) {
  const store = await rawStore();
  try {
    const tenantId = chat.tenant.appId;
    const of = (name: string) => store.db.collection(name).countDocuments({ tenantId });
    return {
      messages: await of('messages'),
      events: await of('events'),
      reactions: await of('reactions'),
      hidden: await of('hidden'),
      userEvents: await of('userEvents'),
    };
  } finally {
    await store.close();
  }
}

describe('retention', () => {
  it('removes exactly what is older than the policy, with a controllable clock', async () => {
    const chat = await startChat(api, ['ava', 'ben']);
    await chat.tenant.settings({ retentionDays: 30 });
    const { ava, ben } = chat.users;
    const direct = await ava!.ok('conversation.openDirect', { userId: 'ben' });
    const sent = [];
    for (const text of ['a', 'b', 'c']) {
      sent.push(
        (await ava!.ok('message.send', { conversationId: direct.id, clientId: text, text }))
          .message,
      );
    }
    await ben!.ok('reaction.add', { conversationId: direct.id, seq: sent[0]!.seq });
    await ben!.ok('message.hide', { conversationId: direct.id, seq: sent[1]!.seq });
    await ava!.ok('message.edit', { conversationId: direct.id, seq: sent[2]!.seq, text: 'c!' });
    const before = await counts(chat);
    expect(before).toMatchObject({ messages: 3, reactions: 1, hidden: 1 });

    const early = await retainAt(chat, new Date(Date.now() + 29 * DAY));
    expect(early.messages).toBe(0);
    expect(await counts(chat)).toEqual(before);

    const late = await retainAt(chat, new Date(Date.now() + 31 * DAY));
    expect(late).toMatchObject({ messages: 3, reactions: 1, hidden: 1 });
    expect(late.events).toBeGreaterThanOrEqual(2);
    expect(await counts(chat)).toEqual({
      messages: 0,
      events: 0,
      reactions: 0,
      hidden: 0,
      userEvents: 0,
    });
    const view = await ava!.ok('conversation.get', { conversationId: direct.id });
    expect(view.lastMessage).toBeNull();
    expect((await ben!.ok('message.list', { conversationId: direct.id })).messages).toEqual([]);
  });

  it('keeps everything for a tenant without a policy, and honours a disappearing-messages timer', async () => {
    const chat = await startChat(api, ['cid', 'dot']);
    const { cid } = chat.users;
    const lasting = await cid!.ok('conversation.openDirect', { userId: 'dot' });
    const fleeting = await cid!.ok('conversation.createGroup', {
      title: 'Brief',
      memberIds: ['dot'],
    });
    await cid!.ok('conversation.update', {
      conversationId: fleeting.id,
      disappearAfterSeconds: 60,
    });
    await cid!.ok('message.send', { conversationId: lasting.id, clientId: 'l', text: 'stays' });
    await cid!.ok('message.send', { conversationId: fleeting.id, clientId: 'f', text: 'goes' });

    const report = await retainAt(chat, new Date(Date.now() + 120_000));
    expect(report.messages).toBeGreaterThanOrEqual(2);
    const lastingTexts = (
      await cid!.ok('message.list', { conversationId: lasting.id })
    ).messages.map((m) => m.text);
    expect(lastingTexts).toEqual(['stays']);
    expect((await cid!.ok('message.list', { conversationId: fleeting.id })).messages).toEqual([]);
    const kept = await cid!.ok('conversation.get', { conversationId: fleeting.id });
    expect(kept.disappearAfterSeconds).toBe(60);
  });

  it('removes in batches and reports its progress', async () => {
    const chat = await startChat(api, ['eli', 'fox']);
    await chat.tenant.settings({ retentionDays: 1 });
    const g = await chat.users.eli!.ok('conversation.createGroup', {
      title: 'Old',
      memberIds: ['fox'],
    });
    const store = await rawStore();
    try {
      await insertOldMessages(store.db, {
        tenantId: chat.tenant.appId,
        conversationId: g.id,
        senderId: 'eli',
        count: 1_200,
        firstSeq: 1_000,
        createdAt: new Date(Date.now() - 3 * DAY),
      });
    } finally {
      await store.close();
    }
    const job = await worker.queues.add('retention.sweep', { tenantId: chat.tenant.appId });
    const outcome = await finished(worker.queues, 'maintenance', job.id!, 60_000);
    expect(outcome.result).toMatchObject({ messages: 1_200 });
    const done = await worker.queues.queue('maintenance').getJob(job.id!);
    expect(done!.progress).toMatchObject({ messages: 1_200 });
  }, 90_000);
});
