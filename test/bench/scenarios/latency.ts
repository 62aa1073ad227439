import { Fleet } from '../load/fleet.js';
import { until } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { BenchClient, percentile, round } from '../lib/client.js';

export interface LatencySeries {
  kind: string;
  samples: number;
  /** Send to receive, including the durable write, in ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ackP50: number;
}

function summarise(kind: string, latencies: number[], acks: number[]): LatencySeries {
  return {
    kind,
    samples: latencies.length,
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(Math.max(...latencies)),
    ackP50: round(percentile(acks, 50)),
  };
}

/** One message at a time, from `sender` to `receiver`: each time from send to arrival. */
async function measure(
  sender: BenchClient,
  receiver: BenchClient,
  conversationId: string,
  samples: number,
) {
  const latencies: number[] = [];
  const acks: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const sent = await sender.send(conversationId, `latency ${i}`);
    const arrivedAt = await receiver.arrival(sent.clientId);
    latencies.push(arrivedAt - sent.sentAt);
    acks.push(sent.ackAt - sent.sentAt);
  }
  return { latencies, acks };
}

/**
 * Send-to-receive latency in a direct chat and in a 100-member group whose other members are
 * all connected from the load processes.
 */
export async function latencyScenario(bench: Bench): Promise<LatencySeries[]> {
  const samples = bench.full ? 2_000 : 300;
  const ids = await bench.users('lat', 100);
  const [a, b] = await Promise.all(
    [ids[0]!, ids[1]!].map((id) => BenchClient.open(bench.api.url, bench.tenant.token(id))),
  );
  const direct = await a!.request<{ id: string }>('conversation.openDirect', { userId: ids[1] });
  const directRun = await measure(a!, b!, direct.id, samples);
  bench.log('direct latency measured');

  const fleet = new Fleet();
  await fleet.connect(bench.api.url, ids.slice(2).map(bench.tenant.token));
  const group = await bench.tenant.group(ids[0]!, ids, 'Latency');
  const warm = await a!.send(group, 'warm-up');
  await b!.arrival(warm.clientId);
  await until(async () => (await fleet.arrivals(warm.clientId)).count === ids.length - 2, 'joins');
  const groupRun = await measure(a!, b!, group, samples);
  bench.log('group latency measured');
  a!.close();
  b!.close();
  await fleet.close();

  return [
    summarise('direct', directRun.latencies, directRun.acks),
    summarise('group of 100', groupRun.latencies, groupRun.acks),
  ];
}
