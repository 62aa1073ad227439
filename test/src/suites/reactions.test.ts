import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

describe('likes and reactions', () => {
  it('likes by default, toggles, and shows the likers live with counts', async () => {
    const { users } = await startChat(api, ['al', 'bi', 'co']);
    const group = await users.al!.ok('conversation.createGroup', {
      title: 'R',
      memberIds: ['bi', 'co'],
    });
    const { message } = await users.al!.ok('message.send', {
      conversationId: group.id,
      clientId: 'm',
      text: 'like me',
    });
    const target = { conversationId: group.id, seq: message.seq };

    const liked = await users.bi!.ok('reaction.add', target);
    expect(liked).toEqual({
      changed: true,
      reactions: [{ reaction: 'like', count: 1, sample: ['bi'] }],
    });
    const live = await users.al!.waitFor('reaction.changed', (e) => e.userId === 'bi');
    expect(live).toMatchObject({ targetSeq: message.seq, reaction: 'like', added: true });
    expect(live.reactions).toEqual(liked.reactions);

    expect((await users.bi!.ok('reaction.add', target)).changed).toBe(false);
    await users.co!.ok('reaction.add', { ...target, reaction: '👍🏽' });
    await users.co!.ok('reaction.add', target);
    const history = await users.bi!.ok('message.list', { conversationId: group.id });
    const stored = history.messages.find((m) => m.seq === message.seq)!;
    expect(stored.reactions).toEqual([
      { reaction: 'like', count: 2, sample: ['co', 'bi'] },
      { reaction: '👍🏽', count: 1, sample: ['co'] },
    ]);
    expect(stored.myReactions).toEqual(['like']);

    const unliked = await users.bi!.ok('reaction.remove', target);
    expect(unliked.reactions[0]).toEqual({ reaction: 'like', count: 1, sample: ['co'] });
    expect((await users.bi!.ok('reaction.remove', target)).changed).toBe(false);

    const family = await users.bi!.ok('reaction.add', { ...target, reaction: '👨‍👩‍👧' });
    expect(family.reactions.map((r) => r.reaction)).toContain('👨‍👩‍👧');
    for (const bad of ['love', 'ab', '👍 👍', '']) {
      const refused = await users.bi!.request('reaction.add', { ...target, reaction: bad });
      expect(refused, bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('counts fifty likes made at once as fifty, and pages the full list of likers', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `fan${String(i).padStart(2, '0')}`);
    const { tenant, users } = await startChat(api, ['star']);
    await tenant.addUsers(...names);
    const group = await users.star!.ok('conversation.createGroup', {
      title: 'Fans',
      memberIds: names,
    });
    const { message } = await users.star!.ok('message.send', {
      conversationId: group.id,
      clientId: 'hit',
      text: 'new song',
    });

    const responses = await Promise.all(
      names.map(async (name) =>
        (await tenant.rest(name)).post(
          `/conversations/${group.id}/messages/${message.seq}/reactions`,
          {},
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(names.map(() => 201));

    const history = await users.star!.ok('message.list', { conversationId: group.id });
    const liked = history.messages.find((m) => m.seq === message.seq)!;
    expect(liked.reactions).toHaveLength(1);
    expect(liked.reactions[0]!.count).toBe(50);
    expect(liked.reactions[0]!.sample).toHaveLength(5);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await users.star!.ok('reaction.list', {
        conversationId: group.id,
        seq: message.seq,
        limit: 20,
        ...(after ? { after } : {}),
      });
      seen.push(...page.userIds);
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(names);
  }, 60_000);
});
