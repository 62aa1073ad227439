import type { RunningApi } from '@confab/server';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawStore, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { drained, finished, testQueues } from '../helpers/jobs.js';
import { insertOldMessages } from '../helpers/old-messages.js';
import { Receiver } from '../helpers/receiver.js';
import { waitFor } from '../helpers/wait.js';
import { startWorkerProcess } from '../helpers/worker-process.js';
import type { WorkerProcess } from '../helpers/worker-process.js';

/** A short lock, so a killed worker's jobs are taken over within seconds. */
const FAST_TAKEOVER = { JOB_LOCK_MS: '1500' };
const DAY = 24 * 60 * 60 * 1000;

let api: RunningApi;
let receiver: Receiver;
const workers: WorkerProcess[] = [];
const jobs = testQueues();

beforeAll(async () => {
  api = await startTestApi(FAST_TAKEOVER);
  receiver = await new Receiver().start();
});

afterAll(async () => {
  closeAllClients();
  for (const worker of workers) await worker.kill();
  await jobs.close();
  await api?.close();
  await receiver?.stop();
});

async function worker(): Promise<WorkerProcess> {
  const started = await startWorkerProcess(FAST_TAKEOVER);
  workers.push(started);
  return started;
}

describe('a worker killed mid-job (case 12)', () => {
  it('runs the job again on another worker; the receiver sees one event id, nothing is lost', async () => {
    const first = await worker();
    const { tenant, users } = await startChat(api, ['amy', 'bob']);
    await tenant.settings({ notifyDelaySeconds: 0.2 });
    const path = `/crash/${tenant.appId}`;
    await tenant.server.post('/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['notification'],
    });
    let release: () => void = () => undefined;
    const held = new Promise<number>((resolve) => (release = () => resolve(200)));
    receiver.answer = (r) =>
      r.path === path && receiver.received.filter((x) => x.path === path).length === 1 ? held : 200;

    users.bob!.close();
    const direct = await users.amy!.ok('conversation.openDirect', { userId: 'bob' });
    await users.amy!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'm',
      text: 'are you there?',
    });
    // The notification has gone out; the worker dies before it hears the answer.
    await waitFor(() => receiver.received.some((r) => r.path === path), {
      what: 'the first delivery',
    });
    await first.kill();
    release();

    await worker();
    const requests = await waitFor(
      () => {
        const got = receiver.received.filter((r) => r.path === path);
        return got.length >= 2 && got;
      },
      { timeoutMs: 20_000, what: 'the delivery again' },
    );
    const eventIds = new Set(requests.map((r) => r.headers['confab-event-id']));
    expect(eventIds.size).toBe(1);
    const bodies = requests.map(
      (r) => JSON.parse(r.body) as { data: { userId: string; count: number } },
    );
    expect(bodies.every((b) => b.data.userId === 'bob' && b.data.count === 1)).toBe(true);

    await drained(jobs.queues, 20_000, ['notifications', 'webhooks']);
    expect(await jobs.queues.queue('webhooks').getFailedCount()).toBe(0);
    receiver.answer = () => 200;
  }, 60_000);

  it('resumes a retention run killed midway and leaves no half-purged conversation', async () => {
    const victim = await worker();
    const { tenant, users } = await startChat(api, ['cal', 'dee']);
    await tenant.settings({ retentionDays: 1 });
    const g = await users.cal!.ok('conversation.createGroup', {
      title: 'Archive',
      memberIds: ['dee'],
    });
    const keep = await users.cal!.ok('message.send', {
      conversationId: g.id,
      clientId: 'k',
      text: 'recent',
    });

    const expired = 5_000;
    const store = await rawStore();
    const conversationId = new ObjectId(g.id);
    const old = new Date(Date.now() - 3 * DAY);
    const tenantId = tenant.appId;
    await insertOldMessages(store.db, {
      tenantId,
      conversationId: g.id,
      senderId: 'cal',
      count: expired,
      firstSeq: 10_000,
      createdAt: old,
    });
    const marks = Array.from({ length: 400 }, (_, i) => ({
      tenantId,
      conversationId,
      seq: 10_000 + i * 12,
      createdAt: old,
    }));
    await store.db
      .collection('reactions')
      .insertMany(marks.map((m) => ({ ...m, userId: 'dee', reaction: 'like' })));
    await store.db.collection('hidden').insertMany(marks.map((m) => ({ ...m, userId: 'dee' })));

    const messages = () => store.db.collection('messages').countDocuments({ tenantId });
    // The group's creation and the recent message are within the policy.
    const recent = [1, keep.message.seq];
    try {
      const run = await jobs.queues.add('retention.sweep', { tenantId });
      // The only worker takes the run; once a first batch is gone, it dies.
      await waitFor(async () => (await messages()) < expired + recent.length, {
        timeoutMs: 30_000,
        intervalMs: 10,
        what: 'a first batch removed',
      });
      await victim.kill();
      const left = await messages();
      expect(left).toBeGreaterThan(recent.length);

      await worker();
      const outcome = await finished(jobs.queues, 'maintenance', run.id!, 90_000);
      expect(outcome.state).toBe('completed');
      const survivors = await store.db.collection('messages').find({ tenantId }).toArray();
      expect(survivors.map((m) => m.seq).sort((a, b) => a - b)).toEqual(recent);
      expect(await store.db.collection('reactions').countDocuments({ tenantId })).toBe(0);
      expect(await store.db.collection('hidden').countDocuments({ tenantId })).toBe(0);
    } finally {
      await store.close();
    }
  }, 150_000);
});
