import { createHmac, timingSafeEqual } from 'node:crypto';

import type { RunningApi, RunningWorker } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawStore, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { drained, finished, startTestWorker } from '../helpers/jobs.js';
import { Receiver } from '../helpers/receiver.js';
import type { Received } from '../helpers/receiver.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;
let worker: RunningWorker;
let receiver: Receiver;

beforeAll(async () => {
  api = await startTestApi({ WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '150' });
  worker = await startTestWorker(api);
  receiver = await new Receiver().start();
});

afterAll(async () => {
  closeAllClients();
  await worker?.close();
  await api?.close();
  await receiver?.stop();
});

/** Checks a request's signature the way a tenant's receiver would. */
function verifies(request: Received, secret: string): boolean {
  const header = String(request.headers['confab-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`).digest();
  const fresh = Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
  return fresh && timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

const at = (path: string) => receiver.received.filter((r) => r.path === path);

describe('webhooks', () => {
  it('signs each event with the endpoint secret and a timestamp, with a stable event id', async () => {
    const { tenant, users } = await startChat(api, ['ana', 'bo']);
    const path = `/signed/${tenant.appId}`;
    const made = await tenant.server.post('/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['message.new', 'message.recalled'],
    });
    expect(made.status).toBe(201);
    const secret = made.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const listed = await tenant.server.get('/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const direct = await users.ana!.ok('conversation.openDirect', { userId: 'bo' });
    const sent = await users.ana!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'a',
      text: 'secret plan',
    });
    await users.ana!.ok('message.edit', {
      conversationId: direct.id,
      seq: sent.message.seq,
      text: 'new plan',
    });
    await waitFor(() => at(path).length === 1, { what: 'the message.new delivery' });
    const [request] = at(path);
    expect(verifies(request!, secret)).toBe(true);
    expect(verifies(request!, 'whsec_wrong')).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ type: 'message.new', data: { message: { text: 'secret plan' } } });
    expect(request!.headers['confab-event-id']).toBe(body.id);

    // Recalling erases the text from the delivery kept for redelivery, too.
    await users.ana!.ok('message.recall', { conversationId: direct.id, seq: sent.message.seq });
    await waitFor(() => at(path).length === 2, { what: 'the recall delivery' });
    await drained(worker.queues, 20_000, ['webhooks']);
    const store = await rawStore();
    try {
      const kept = await store.db
        .collection('deliveries')
        .find({ tenantId: tenant.appId })
        .toArray();
      expect(JSON.stringify(kept)).not.toContain('secret plan');
    } finally {
      await store.close();
    }
  });

  it('retries an endpoint that is down with growing waits, then lists it failed; redelivery works', async () => {
    const { tenant, users } = await startChat(api, ['cy', 'di']);
    const path = `/down/${tenant.appId}`;
    const made = await tenant.server.post('/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['message.new'],
    });
    const hookId = made.body.webhook.id as string;
    let up = false;
    receiver.answer = (r) => (r.path === path && !up ? 503 : 200);

    const direct = await users.cy!.ok('conversation.openDirect', { userId: 'di' });
    await users.cy!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'x',
      text: 'hello?',
    });
    await waitFor(() => at(path).length === 3, { timeoutMs: 15_000, what: 'three attempts' });
    const failed = await waitFor(async () => {
      const res = await tenant.server.get(`/webhooks/${hookId}/deliveries?status=failed`);
      return res.body.deliveries.length === 1 && res.body.deliveries[0];
    });
    expect(failed).toMatchObject({ attempts: 3, lastStatusCode: 503, eventType: 'message.new' });
    const times = at(path).map((r) => r.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThan(times[1]! - times[0]!);
    const bull = await worker.queues.queue('webhooks').getFailed();
    expect(bull.map((job) => job.id)).toContain(failed.id);

    up = true;
    const again = await tenant.server.post(`/deliveries/${failed.id}/redeliver`, {});
    expect(again.status).toBe(202);
    await waitFor(() => at(path).length === 4, { what: 'the redelivery' });
    const ids = at(path).map((r) => r.headers['confab-event-id']);
    expect(new Set(ids).size).toBe(1);
    await waitFor(async () => {
      const res = await tenant.server.get(`/webhooks/${hookId}/deliveries?status=delivered`);
      return res.body.deliveries.length === 1;
    });
    receiver.answer = () => 200;
  });

  it('sends only the events an endpoint subscribed to, and nothing to a disabled one', async () => {
    const { tenant, users } = await startChat(api, ['ed', 'flo']);
    const joins = `/joins/${tenant.appId}`;
    const off = `/off/${tenant.appId}`;
    await tenant.server.post('/webhooks', {
      url: `${receiver.url}${joins}`,
      events: ['member.joined'],
    });
    const disabled = await tenant.server.post('/webhooks', { url: `${receiver.url}${off}` });
    await tenant.server.patch(`/webhooks/${disabled.body.webhook.id}`, { active: false });

    const g = await users.ed!.ok('conversation.createGroup', { title: 'G', memberIds: ['flo'] });
    await users.ed!.ok('message.send', { conversationId: g.id, clientId: 'm', text: 'hi' });
    await waitFor(() => at(joins).length === 2, { what: 'two join events' });
    await drained(worker.queues, 20_000, ['webhooks']);
    expect(at(joins).map((r) => JSON.parse(r.body).type)).toEqual([
      'member.joined',
      'member.joined',
    ]);
    expect(at(off)).toEqual([]);

    const bad = await tenant.server.post('/webhooks', {
      url: 'ftp://example.com',
      events: ['nope'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
  });

  it('fails a job whose payload does not match its schema, without retrying it', async () => {
    const job = await worker.queues
      .queue('webhooks')
      .add('webhook.deliver', { tenantId: 7 }, { attempts: 5 });
    const outcome = await finished(worker.queues, 'webhooks', job.id!);
    expect(outcome.state).toBe('failed');
    expect(outcome.reason).toMatch(/bad payload/);
    const after = await worker.queues.queue('webhooks').getJob(job.id!);
    expect(after!.attemptsMade).toBe(1);
  });
});
