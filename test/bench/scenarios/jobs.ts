import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { until } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { BenchClient, now, round } from '../lib/client.js';
import { startWorkerProcess } from '../lib/stack.js';
import { sendMany } from './fanout.js';

export interface JobFigures {
  webhooks: number;
  /** Jobs run per second: each message's webhook fan-out job and its delivery job. */
  jobsPerSecond: number;
  deliveriesPerSecond: number;
}

/**
 * BullMQ end to end: messages queue webhook jobs while no worker runs; then one real worker
 * process starts, and the clock runs until a local receiver has every signed delivery.
 */
export async function jobsScenario(bench: Bench): Promise<JobFigures> {
  const webhooks = bench.full ? 3_000 : 600;
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  await bench.tenant.call('POST', '/webhooks', {
    url: `http://127.0.0.1:${port}/hook`,
    events: ['message.new'],
  });

  const [from, to] = await bench.users('jobs', 2);
  const sender = await BenchClient.open(bench.api.url, bench.tenant.token(from!));
  const chat = await sender.request<{ id: string }>('conversation.openDirect', { userId: to });
  await sendMany(sender, chat.id, webhooks, 8);
  sender.close();
  bench.log(`${webhooks} webhook events queued`);

  const worker = await startWorkerProcess(bench.env);
  const started = now();
  await until(async () => received >= webhooks, 'webhook deliveries', 600_000);
  const seconds = (now() - started) / 1000;
  await worker.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  return {
    webhooks,
    jobsPerSecond: round((webhooks * 2) / seconds, 0),
    deliveriesPerSecond: round(webhooks / seconds, 0),
  };
}
