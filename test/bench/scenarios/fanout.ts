import type { Fleet } from '../load/fleet.js';
import { Fleet as LoadFleet } from '../load/fleet.js';
import { startBare, until } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { now, round } from '../lib/client.js';
import type { BenchClient } from '../lib/client.js';

export interface FanoutFigures {
  members: number;
  messages: number;
  deliveriesPerSecond: number;
  bareDeliveriesPerSecond: number;
  ratio: number;
}

const TEXT = 'fan-out payload of a typical chat message, about sixty bytes';

/** Sends `count` messages with up to `window` awaiting their acks at once. */
export async function sendMany(
  sender: BenchClient,
  conversationId: string,
  count: number,
  window: number,
  text = TEXT,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      await sender.send(conversationId, text);
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
}

/** Groups written to at once: each conversation stores its messages one after another. */
const GROUPS = 4;

/**
 * Deliveries per second out of one api process: one sender writes into four large groups of
 * the same members, all connected (`fleet`), a few messages at a time in each. Each message
 * reaches thousands, and the groups' writes overlap, so the fan-out, not the store, sets the
 * pace. Then a bare Socket.IO server broadcasts the same payload as many times to as many
 * clients.
 */
export async function fanoutScenario(
  bench: Bench,
  fleet: Fleet,
  sender: BenchClient,
  group: string,
  memberIds: string[],
): Promise<FanoutFigures> {
  const members = memberIds.length;
  const perGroup = bench.full ? 15 : 10;
  const messages = perGroup * GROUPS;
  const receivers = members - 1;
  const expected = messages * receivers;
  const groups = [group];
  while (groups.length < GROUPS) {
    groups.push(await bench.tenant.group(memberIds[0]!, memberIds, 'Fan-out'));
  }
  let warm: Awaited<ReturnType<BenchClient['send']>> | undefined;
  for (const id of groups) {
    warm = await sender.send(id, 'warm-up');
    const clientId = warm.clientId;
    await until(async () => (await fleet.arrivals(clientId)).count === receivers, 'warm-up');
  }

  await fleet.reset();
  const started = now();
  await Promise.all(groups.map((id) => sendMany(sender, id, perGroup, 2)));
  await until(async () => (await fleet.totals()).total >= expected, 'deliveries', 600_000);
  const confab = await fleet.totals();
  const deliveriesPerSecond = expected / ((confab.lastAt - started) / 1000);
  bench.log(`confab fan-out: ${round(deliveriesPerSecond, 0)} deliveries/s`);

  // The payload a member got, sent by the baseline as is.
  const payload = {
    conversationId: group,
    seq: warm!.message.seq,
    type: 'message.new',
    message: { ...warm!.message, text: TEXT },
  };
  const bare = await startBare();
  const bareFleet = new LoadFleet();
  await bareFleet.connect(
    bare.url,
    Array.from({ length: receivers }, () => null),
  );
  const bareStarted = now();
  await bare.broadcast(messages, payload);
  await until(async () => (await bareFleet.totals()).total >= expected, 'bare deliveries');
  const baseline = await bareFleet.totals();
  const bareDeliveriesPerSecond = expected / ((baseline.lastAt - bareStarted) / 1000);
  bench.log(`bare broadcast: ${round(bareDeliveriesPerSecond, 0)} deliveries/s`);
  await bareFleet.close();
  await bare.stop();

  return {
    members,
    messages,
    deliveriesPerSecond: round(deliveriesPerSecond, 0),
    bareDeliveriesPerSecond: round(bareDeliveriesPerSecond, 0),
    ratio: round(deliveriesPerSecond / bareDeliveriesPerSecond, 2),
  };
}
