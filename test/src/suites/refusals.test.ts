import { requestSchemas } from '@confab/sdk/protocol';
import type { RequestName } from '@confab/sdk/protocol';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startApiProcess } from '../helpers/api-process.js';
import type { ApiProcess } from '../helpers/api-process.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients, connect } from '../helpers/clients.js';

let api: RunningApi;
let second: ApiProcess | undefined;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await second?.stop();
  await api?.close();
});

/** A valid input for every request that names a conversation, aimed at `conversationId`. */
function inputFor(name: RequestName, conversationId: string): Record<string, unknown> {
  const base: Record<string, unknown> = { conversationId, seq: 1, userId: 'someone', afterSeq: 0 };
  const extra: Partial<Record<RequestName, Record<string, unknown>>> = {
    'message.send': { clientId: 'probe', text: 'probe' },
    'message.edit': { text: 'probe' },
    'message.search': { query: 'probe' },
    'conversation.update': { title: 'probe' },
    'conversation.mute': { muted: true },
    'member.add': { userIds: ['someone'] },
    'member.setRole': { role: 'admin' },
    'message.report': { reason: 'spam' },
  };
  return { ...base, ...extra[name] };
}

/** Every request of the catalogue whose input names a conversation. */
const conversationRequests = (Object.keys(requestSchemas) as RequestName[]).filter(
  (name) => 'conversationId' in requestSchemas[name].shape,
);

describe('refusals', () => {
  it('answers not_found to every conversation request from a non-member and another tenant', async () => {
    expect(conversationRequests.length).toBeGreaterThan(20);
    const home = await startChat(api, ['own', 'mate', 'stranger']);
    const g = await home.users.own!.ok('conversation.createGroup', {
      title: 'G',
      memberIds: ['mate'],
    });
    await home.users.own!.ok('message.send', { conversationId: g.id, clientId: 'm', text: 'hi' });
    const away = await startChat(api, ['own']);
    const before = await home.users.own!.ok('sync.conversation', {
      conversationId: g.id,
      afterSeq: 0,
    });

    for (const name of conversationRequests) {
      for (const [who, client] of [
        ['non-member', home.users.stranger!],
        ['other tenant', away.users.own!],
      ] as const) {
        const answer = await client.request(name, inputFor(name, g.id));
        expect(answer, `${name} by ${who}`).toMatchObject({
          ok: false,
          error: { code: 'not_found' },
        });
      }
    }
    const after = await home.users.own!.ok('sync.conversation', {
      conversationId: g.id,
      afterSeq: 0,
    });
    expect(after).toEqual(before);
  });

  it('refuses wrong roles and already-removed targets without changing anything', async () => {
    const { users } = await startChat(api, ['boss', 'staff', 'temp']);
    const g = await users.boss!.ok('conversation.createGroup', {
      title: 'R',
      memberIds: ['staff', 'temp'],
    });
    const { message } = await users.boss!.ok('message.send', {
      conversationId: g.id,
      clientId: 'a',
      text: 'x',
    });
    await users.boss!.ok('message.recall', { conversationId: g.id, seq: message.seq });
    const refusals: [string, Promise<unknown>, string][] = [
      [
        'member renames',
        users.staff!.request('conversation.update', { conversationId: g.id, title: 'Y' }),
        'forbidden',
      ],
      [
        'member removes',
        users.staff!.request('member.remove', { conversationId: g.id, userId: 'temp' }),
        'forbidden',
      ],
      [
        'admin sets roles',
        users.staff!.request('member.setRole', {
          conversationId: g.id,
          userId: 'temp',
          role: 'admin',
        }),
        'forbidden',
      ],
      [
        'edit recalled',
        users.boss!.request('message.edit', { conversationId: g.id, seq: message.seq, text: 'z' }),
        'message_removed',
      ],
      [
        'recall twice',
        users.boss!.request('message.recall', { conversationId: g.id, seq: message.seq }),
        'message_removed',
      ],
      [
        'react to recalled',
        users.temp!.request('reaction.add', { conversationId: g.id, seq: message.seq }),
        'message_removed',
      ],
      [
        'unknown seq',
        users.temp!.request('message.hide', { conversationId: g.id, seq: 999 }),
        'not_found',
      ],
    ];
    for (const [what, answer, code] of refusals) {
      expect(await answer, what).toMatchObject({ ok: false, error: { code } });
    }
    const view = await users.boss!.ok('conversation.get', { conversationId: g.id });
    expect(view.title).toBe('R');
    expect(view.memberCount).toBe(3);
  });
});

describe('on any api node', () => {
  it('delivers across nodes, and a leave on one node silences the sockets on the other', async () => {
    second = await startApiProcess();
    const { tenant, users } = await startChat(api, ['nia', 'ode']);
    const odeThere = await connect(second.url, await tenant.token('ode'));
    const g = await users.nia!.ok('conversation.createGroup', { title: 'Far', memberIds: ['ode'] });
    await odeThere.waitFor('conversation.joined', (e) => e.conversationId === g.id);

    await users.nia!.ok('message.send', {
      conversationId: g.id,
      clientId: 'n1',
      text: 'over there?',
    });
    await odeThere.waitFor('message.new', (e) => e.message.text === 'over there?');
    await odeThere.ok('message.send', { conversationId: g.id, clientId: 'o1', text: 'yes' });
    await users.nia!.waitFor('message.new', (e) => e.message.text === 'yes');

    await users.ode!.ok('conversation.leave', { conversationId: g.id });
    await odeThere.waitFor('conversation.left');
    odeThere.forget();
    await users.nia!.ok('message.send', { conversationId: g.id, clientId: 'n2', text: 'gone?' });
    const direct = await users.nia!.ok('conversation.openDirect', { userId: 'ode' });
    await users.nia!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'd',
      text: 'still here',
    });
    await odeThere.waitFor('message.new', (e) => e.conversationId === direct.id);
    expect(odeThere.events('message.new').map((e) => e.message.text)).toEqual(['still here']);
  });
});
