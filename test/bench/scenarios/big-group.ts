import { Fleet } from '../load/fleet.js';
import { until } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { BenchClient, percentile, round } from '../lib/client.js';
import { fanoutScenario } from './fanout.js';
import type { FanoutFigures } from './fanout.js';

export interface GroupSizePoint {
  members: number;
  /** From send until the last connected member has the message, ms (median of the runs). */
  lastDeliveryMs: number;
  /** From send until the sender's ack, ms (median of the runs). */
  ackMs: number;
}

export interface BigGroupFigures {
  points: GroupSizePoint[];
  fanout: FanoutFigures;
}

/**
 * Groups of 10 up to 10,000 members, every member connected: how long until the last member
 * has a message, and how long the sender waits for its ack, against group size. Then the
 * largest group measures fan-out throughput (fanout.ts).
 */
export async function bigGroupScenario(bench: Bench): Promise<BigGroupFigures> {
  // Connecting 10,000 members takes minutes on the development store (a user lookup and a
  // membership query each), so the quick mode stops at 2,000.
  const sizes = bench.full ? [10, 100, 1_000, 10_000] : [10, 100, 1_000, 2_000];
  const runs = bench.full ? 9 : 5;
  const largest = sizes.at(-1)!;
  const ids = await bench.users('big', largest);
  const fleet = new Fleet();
  const failed = await fleet.connect(bench.api.url, ids.slice(1).map(bench.tenant.token));
  if (failed > 0) throw new Error(`${failed} members could not connect`);
  const sender = await BenchClient.open(bench.api.url, bench.tenant.token(ids[0]!));
  bench.log(`${largest} members connected`);

  const points: GroupSizePoint[] = [];
  let largestGroup = '';
  for (const size of sizes) {
    const group = await bench.tenant.group(ids[0]!, ids.slice(0, size), `Group of ${size}`);
    largestGroup = group;
    const warm = await sender.send(group, 'warm-up');
    await until(async () => (await fleet.arrivals(warm.clientId)).count === size - 1, 'joins');
    const last: number[] = [];
    const acks: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const sent = await sender.send(group, `to ${size} members, run ${run}`);
      await until(async () => (await fleet.arrivals(sent.clientId)).count === size - 1, 'all');
      const { last: lastAt } = await fleet.arrivals(sent.clientId);
      last.push(lastAt - sent.sentAt);
      acks.push(sent.ackAt - sent.sentAt);
    }
    points.push({
      members: size,
      lastDeliveryMs: round(percentile(last, 50)),
      ackMs: round(percentile(acks, 50)),
    });
    bench.log(`group of ${size}: last member after ${points.at(-1)!.lastDeliveryMs} ms`);
  }
  const fanout = await fanoutScenario(bench, fleet, sender, largestGroup, ids);
  sender.close();
  await fleet.close();
  return { points, fanout };
}
