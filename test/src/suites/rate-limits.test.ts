import { signUserToken } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients, connect } from '../helpers/clients.js';

/** Small limits, so a test reaches each in a few requests. */
const LIMITS = {
  RATE_SENDS_PER_10S: '5',
  RATE_REACTIONS_PER_10S: '4',
  RATE_TYPING_PER_10S: '3',
  RATE_CONNECTS_PER_MIN: '3',
  RATE_CONNECTS_PER_ADDRESS_PER_MIN: '40',
  RATE_TOKENS_PER_ADDRESS_PER_MIN: '25',
  RATE_TENANT_REQUESTS_PER_S: '60',
};

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi(LIMITS);
});

afterAll(async () => {
  closeAllClients();
  await stopApiProcesses();
  await api?.close();
});

const refusedWithRetry = {
  ok: false,
  error: { code: 'rate_limited', retryAfter: expect.any(Number) },
};

describe('rate limits', () => {
  it('refuses sends past the per-user limit, saying when to retry, and stores none of them', async () => {
    const { users } = await startChat(api, ['ann', 'ben']);
    const chat = await users.ann!.ok('conversation.openDirect', { userId: 'ben' });
    const answers = [];
    for (let i = 0; i < 7; i += 1) {
      answers.push(
        await users.ann!.request('message.send', {
          conversationId: chat.id,
          clientId: `m${i}`,
          text: `${i}`,
        }),
      );
    }
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(answers.at(-1)).toMatchObject(refusedWithRetry);
    const retryAfter = (answers.at(-1) as { error: { retryAfter: number } }).error.retryAfter;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    const history = await users.ann!.ok('message.list', { conversationId: chat.id });
    expect(history.messages.map((m) => m.text)).toEqual(['0', '1', '2', '3', '4']);
    // Another user is not affected.
    await users.ben!.ok('message.send', { conversationId: chat.id, clientId: 'b', text: 'mine' });
  });

  it('limits reactions and typing per user', async () => {
    const { users } = await startChat(api, ['cat', 'dan']);
    const chat = await users.cat!.ok('conversation.openDirect', { userId: 'dan' });
    const { message } = await users.dan!.ok('message.send', {
      conversationId: chat.id,
      clientId: 'x',
      text: 'x',
    });
    const kinds = ['like', '🎉', '😀', '👍', '🔥'];
    const reacted = [];
    for (const reaction of kinds) {
      reacted.push(
        await users.cat!.request('reaction.add', {
          conversationId: chat.id,
          seq: message.seq,
          reaction,
        }),
      );
    }
    expect(reacted.filter((a) => a.ok)).toHaveLength(4);
    expect(reacted.at(-1)).toMatchObject(refusedWithRetry);
    const typed = [];
    for (let i = 0; i < 4; i += 1)
      typed.push(await users.dan!.request('typing.start', { conversationId: chat.id }));
    expect(typed.at(-1)).toMatchObject(refusedWithRetry);
  });

  it('refuses connections past the per-user limit with rate_limited at connect', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('eve');
    const token = await tenant.token('eve');
    for (let i = 0; i < 3; i += 1) (await connect(api.url, token)).close();
    await expect(connect(api.url, token)).rejects.toMatchObject({
      data: { code: 'rate_limited', retryAfter: expect.any(Number) },
    });
  });

  it('limits token issuance per client address, and a tenant’s requests per second', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('fay');
    const statuses = [];
    for (let i = 0; i < 30; i += 1) {
      statuses.push((await tenant.server.post('/tokens', { userId: 'fay' })).status);
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(25);
    expect(statuses).toContain(429);
    const limited = await tenant.server.post('/tokens', { userId: 'fay' });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);

    // A node whose tenants may make 5 requests a second; this address has used up its tokens,
    // so the user signs with the key, as a tenant backend may.
    const strict = await startApiProcess({ env: { RATE_TENANT_REQUESTS_PER_S: '5' } });
    const other = await createTestTenant(api);
    await other.addUsers('gus');
    const { token } = signUserToken(other.keyId, other.secret, 'gus', 600);
    const burst = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${strict.url}/v1/conversations`, { headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    const codes = burst.map((r) => r.status);
    expect(codes.filter((c) => c === 200).length).toBeLessThan(30);
    const refused = burst.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expect(await refused!.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
