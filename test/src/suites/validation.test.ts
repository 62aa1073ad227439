import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

describe('bad input', () => {
  it('refuses bad message sends with clear codes and stores nothing', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ali', 'bea');
    const ali = await connect(api.url, await tenant.token('ali'));
    const conversation = await ali.ok('conversation.openDirect', { userId: 'bea' });
    const id = conversation.id;

    const cases: [what: string, payload: unknown, code: string, detail?: string][] = [
      ['no payload', undefined, 'invalid_input'],
      ['missing text', { conversationId: id, clientId: 'a' }, 'invalid_input', 'invalid_type'],
      ['missing client id', { conversationId: id, text: 'hi' }, 'invalid_input', 'invalid_type'],
      [
        'text as a number',
        { conversationId: id, clientId: 'a', text: 42 },
        'invalid_input',
        'invalid_type',
      ],
      ['empty text', { conversationId: id, clientId: 'a', text: '' }, 'invalid_input', 'too_small'],
      [
        '1 MB of text',
        { conversationId: id, clientId: 'a', text: 'x'.repeat(1_000_000) },
        'invalid_input',
        'too_big',
      ],
      [
        'text over the tenant limit',
        { conversationId: id, clientId: 'a', text: 'y'.repeat(5_001) },
        'invalid_input',
        'too_big',
      ],
      [
        'a NUL character',
        { conversationId: id, clientId: 'a', text: 'a\u0000b' },
        'invalid_input',
        'nul_character',
      ],
      [
        'a lone surrogate',
        { conversationId: id, clientId: 'a', text: 'a\uD800b' },
        'invalid_input',
        'lone_surrogate',
      ],
      [
        'a bad client id',
        { conversationId: id, clientId: 'has space', text: 'hi' },
        'invalid_input',
      ],
      [
        'a malformed conversation id',
        { conversationId: 'nope', clientId: 'a', text: 'hi' },
        'invalid_input',
      ],
      [
        'an unknown conversation',
        { conversationId: 'a'.repeat(24), clientId: 'a', text: 'hi' },
        'not_found',
      ],
    ];

    for (const [what, payload, code, detail] of cases) {
      const ack = await ali.request('message.send', payload);
      expect(ack.ok, what).toBe(false);
      if (ack.ok) continue;
      expect(ack.error.code, what).toBe(code);
      expect(ack.error.message.length, what).toBeGreaterThan(5);
      if (detail)
        expect(
          ack.error.details?.map((d) => d.code),
          what,
        ).toContain(detail);
    }

    // 5,000 emoji are 10,000 UTF-16 units but 5,000 characters: within the limit.
    const emoji = await ali.request('message.send', {
      conversationId: id,
      clientId: 'e',
      text: '😀'.repeat(5_000),
    });
    expect(emoji.ok).toBe(true);

    const history = await ali.ok('message.list', { conversationId: id });
    expect(history.messages.map((m) => m.clientId)).toEqual(['e']);
    expect((await ali.ok('conversation.get', { conversationId: id })).lastSeq).toBe(1);
  });

  it('answers unknown events with not_found and keeps the socket open', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('zed');
    const zed = await connect(api.url, await tenant.token('zed'));
    const ack = await zed.socket.timeout(5000).emitWithAck('message.explode', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await zed.ok('conversation.list', {})).conversations).toEqual([]);
  });

  it('refuses bad REST bodies with the one error shape', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('rae', 'sam');
    const token = await tenant.token('rae');
    const auth = { Authorization: `Bearer ${token}` };

    const notJson = await request(api.http)
      .post('/v1/conversations/direct')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"userId": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: 'invalid_input' });

    const tooLarge = await request(api.http)
      .post('/v1/conversations/direct')
      .set(auth)
      .send({ userId: 'sam', pad: 'z'.repeat(3_000_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');

    const badQuery = await request(api.http).get('/v1/conversations?limit=5000').set(auth);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details[0].path).toEqual(['limit']);

    const unknownRoute = await request(api.http).get('/v1/nothing-here').set(auth);
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('not_found');
  });

  it('refuses bad users on the server API and changes nothing', async () => {
    const tenant = await createTestTenant(api);
    const ok = await tenant.server.post('/users', {
      users: [{ id: 'kim', name: 'Kim', custom: { plan: 'pro', tags: ['a', 'b'] } }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.users[0]).toMatchObject({ id: 'kim', name: 'Kim', custom: { plan: 'pro' } });

    const bad: [string, object][] = [
      ['a dotted key', { users: [{ id: 'kim', name: 'Changed', custom: { 'a.b': 1 } }] }],
      ['a dollar key', { users: [{ id: 'kim', name: 'Changed', custom: { $where: 1 } }] }],
      ['a nested array', { users: [{ id: 'kim', name: 'Changed', custom: { m: [[1]] } }] }],
      ['a NUL in the name', { users: [{ id: 'kim', name: 'Ki\u0000m' }] }],
      ['an empty list', { users: [] }],
      [
        'a duplicate id',
        {
          users: [
            { id: 'kim', name: 'A' },
            { id: 'kim', name: 'B' },
          ],
        },
      ],
      ['an id with control characters', { users: [{ id: 'k\u0001' }] }],
    ];
    for (const [what, body] of bad) {
      const res = await tenant.server.post('/users', body);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('invalid_input');
    }

    const kept = await tenant.server.get('/users/kim');
    expect(kept.body.user).toMatchObject({
      name: 'Kim',
      custom: { plan: 'pro', tags: ['a', 'b'] },
    });
  });
});
