import { MongoClient, ObjectId } from 'mongodb';

import type { Bench } from '../lib/bench.js';
import { BenchClient, now, percentile, round } from '../lib/client.js';
import { sendMany } from './fanout.js';

export interface StoreFigures {
  storedPerSecond: number;
  senders: number;
  historyMessages: number;
  seedPerSecond: number;
  newestPageP50: number;
  deepPageP50: number;
}

/**
 * Writes messages straight into the store, in the shape the api stores them (see
 * server/src/store/models/message.ts): a send each would take hours on the development store.
 * The conversation's seq counter is moved past them, as sends would have moved it.
 */
async function seedHistory(
  mongodbUri: string,
  tenantId: string,
  conversationId: string,
  senderId: string,
  count: number,
): Promise<number> {
  const client = await MongoClient.connect(mongodbUri);
  const db = client.db();
  const conversation = new ObjectId(conversationId);
  const start = await db.collection('conversations').findOne({ _id: conversation });
  const firstSeq = Number(start?.lastSeq ?? 0) + 1;
  const batch = 10_000;
  const createdAt = new Date();
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await db.collection('messages').insertMany(
      Array.from({ length: size }, (_, i) => {
        const seq = firstSeq + offset + i;
        return {
          tenantId,
          conversationId: conversation,
          seq,
          senderId,
          clientId: `seed-${seq}`,
          type: 'text',
          text: `seeded message ${seq}`,
          state: 'active',
          editedAt: null,
          removedAt: null,
          replyToSeq: null,
          mentions: [],
          reactions: [],
          reactionsSeq: 0,
          system: null,
          createdAt,
        };
      }),
      { ordered: false },
    );
  }
  await db
    .collection('conversations')
    .updateOne({ _id: conversation }, { $set: { lastSeq: firstSeq + count - 1 } });
  await client.close();
  return firstSeq + count - 1;
}

async function pageTimes(url: string, token: string, query: string, samples: number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = now();
    const res = await fetch(url + query, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { messages?: unknown[] };
    if (!res.ok || body.messages?.length !== 50) throw new Error(`history page: ${res.status}`);
    times.push(now() - started);
  }
  return times;
}

/** Messages stored per second by many senders at once; then history over a huge conversation. */
export async function storeScenario(bench: Bench): Promise<StoreFigures> {
  const senders = 10;
  const each = bench.full ? 300 : 100;
  const ids = await bench.users('store', senders * 2);
  const pairs = await Promise.all(
    Array.from({ length: senders }, async (_, i) => {
      const client = await BenchClient.open(bench.api.url, bench.tenant.token(ids[i * 2]!));
      const chat = await client.request<{ id: string }>('conversation.openDirect', {
        userId: ids[i * 2 + 1],
      });
      return { client, chat: chat.id };
    }),
  );
  const started = now();
  await Promise.all(pairs.map(({ client, chat }) => sendMany(client, chat, each, 4)));
  const storedPerSecond = (senders * each) / ((now() - started) / 1000);
  bench.log(`stored ${round(storedPerSecond, 0)} messages/s`);
  for (const { client } of pairs) client.close();

  const historyMessages = bench.full ? 1_000_000 : 20_000;
  const [owner, reader] = await bench.users('history', 2);
  const opener = await BenchClient.open(bench.api.url, bench.tenant.token(owner!));
  const chat = await opener.request<{ id: string }>('conversation.openDirect', { userId: reader });
  opener.close();
  const seedStarted = now();
  const lastSeq = await seedHistory(
    bench.mongodbUri,
    bench.tenant.appId,
    chat.id,
    owner!,
    historyMessages,
  );
  const seedPerSecond = historyMessages / ((now() - seedStarted) / 1000);
  bench.log(`seeded ${historyMessages} messages at ${round(seedPerSecond, 0)}/s`);

  const url = `${bench.api.url}/v1/conversations/${chat.id}/messages`;
  const token = bench.tenant.token(reader!);
  // Few samples: on the development store each page reads the whole conversation, which takes
  // minutes at a million messages.
  const samples = bench.full ? 2 : 5;
  const newest = await pageTimes(url, token, '?limit=50', samples);
  const deep = await pageTimes(
    url,
    token,
    `?limit=50&beforeSeq=${Math.floor(lastSeq / 2)}`,
    samples,
  );
  return {
    storedPerSecond: round(storedPerSecond, 0),
    senders,
    historyMessages,
    seedPerSecond: round(seedPerSecond, 0),
    newestPageP50: round(percentile(newest, 50)),
    deepPageP50: round(percentile(deep, 50)),
  };
}
