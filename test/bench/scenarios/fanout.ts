import { Fleet } from '../load/fleet.js';
import { startBare, until } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { BenchClient, now, round } from '../lib/client.js';

export interface FanoutFigures {
  members: number;
  messages: number;
  deliveriesPerSecond: number;
  bareDeliveriesPerSecond: number;
  ratio: number;
}

/** Sends `count` messages with up to `window` awaiting their acks at once. */
export async function sendMany(
  sender: BenchClient,
  conversationId: string,
  count: number,
  window: number,
  text = 'fan-out payload of a typical chat message, about sixty bytes',
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

/**
 * Deliveries per second out of one api process: one sender writes into a group whose members
 * are all connected, as fast as acks allow; then a bare Socket.IO server broadcasts the same
 * payload to the same number of clients.
 */
export async function fanoutScenario(bench: Bench): Promise<FanoutFigures> {
  const members = 1_000;
  const messages = bench.full ? 400 : 150;
  const ids = await bench.users('fan', members);
  const fleet = new Fleet();
  await fleet.connect(bench.api.url, ids.slice(1).map(bench.tenant.token));
  const sender = await BenchClient.open(bench.api.url, bench.tenant.token(ids[0]!));
  const group = await bench.tenant.group(ids[0]!, ids, 'Fan-out');
  const warm = await sender.send(group, 'warm-up');
  await until(async () => (await fleet.arrivals(warm.clientId)).count === members - 1, 'joins');

  await fleet.reset();
  const started = now();
  await sendMany(sender, group, messages, 16);
  const expected = messages * (members - 1);
  await until(async () => (await fleet.totals()).total >= expected, 'deliveries');
  const confab = await fleet.totals();
  const deliveriesPerSecond = expected / ((confab.lastAt - started) / 1000);
  bench.log(`confab fan-out: ${round(deliveriesPerSecond, 0)} deliveries/s`);
  sender.close();
  await fleet.close();

  // The payload a member got, resent by the baseline as is.
  const payload = {
    conversationId: group,
    seq: 1,
    type: 'message.new',
    message: {
      ...warm.message,
      text: 'fan-out payload of a typical chat message, about sixty bytes',
    },
  };
  const bare = await startBare();
  const bareFleet = new Fleet();
  await bareFleet.connect(
    bare.url,
    ids.slice(1).map(() => null),
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
