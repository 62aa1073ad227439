import { availableParallelism } from 'node:os';

import { Fleet } from '../load/fleet.js';
import { settle, startBare } from '../lib/bench.js';
import type { Bench } from '../lib/bench.js';
import { round } from '../lib/client.js';
import { startApiProcess } from '../lib/stack.js';
import type { BenchProcess } from '../lib/stack.js';

export interface ConnectionFigures {
  /** Idle authenticated connections held by one api process. */
  oneProcess: {
    connections: number;
    failed: number;
    connectPerSecond: number;
    kbEach: number;
    liveKbEach: number;
  };
  /** The same with one api process per core, the connections spread evenly. */
  perCore: { processes: number; connections: number; failed: number; kbEach: number };
  bare: { connections: number; kbEach: number; liveKbEach: number };
}

/** Files an api process needs besides its sockets: the store, Redis, logs, the runtime. */
const RESERVED_FILES = 200;

/** Connects `tokens` to `server` from a fleet; answers what each connection costs in memory. */
async function measure(server: BenchProcess, tokens: (string | null)[]) {
  const fleet = new Fleet();
  // A few connections first, so code loaded on first use is not counted per connection.
  await fleet.connect(server.url, tokens.slice(0, 20));
  await settle(500);
  const before = await server.rss();
  const started = performance.now();
  const failed = await fleet.connect(server.url, tokens.slice(20));
  const seconds = (performance.now() - started) / 1000;
  await settle();
  const after = await server.rss();
  await fleet.close();
  const opened = tokens.length - 20 - failed;
  return {
    failed,
    connectPerSecond: round(opened / seconds, 0),
    kbEach: round((after.rss - before.rss) / 1024 / Math.max(opened, 1)),
    liveKbEach: round((after.live - before.live) / 1024 / Math.max(opened, 1)),
  };
}

export async function connectionsScenario(
  bench: Bench,
  openFileLimit: number,
): Promise<ConnectionFigures> {
  const count = bench.full ? openFileLimit - RESERVED_FILES : 2_000;
  const ids = await bench.users('idle', count);
  const tokens = ids.map((id) => bench.tenant.token(id));

  const bare = await startBare();
  const bareFigures = await measure(
    bare,
    tokens.map(() => null),
  );
  await bare.stop();
  bench.log(
    `bare Socket.IO: ${bareFigures.kbEach} KB per connection (${bareFigures.liveKbEach} KB live)`,
  );

  const api = await startApiProcess(bench.env);
  const one = await measure(api, tokens);
  await api.stop();
  bench.log(
    `one api process: ${count - one.failed} connections, ${one.kbEach} KB each (${one.liveKbEach} KB live)`,
  );

  const processes = availableParallelism();
  const apis = await Promise.all(
    Array.from({ length: processes }, () => startApiProcess(bench.env)),
  );
  const perCoreIds = await bench.users('idle', count * processes);
  const perCoreTokens = perCoreIds.map((id) => bench.tenant.token(id));
  const shares = await Promise.all(
    apis.map((server, i) => measure(server, perCoreTokens.slice(i * count, (i + 1) * count))),
  );
  await Promise.all(apis.map((server) => server.stop()));
  const perCoreFailed = shares.reduce((sum, s) => sum + s.failed, 0);
  bench.log(`${processes} api processes: ${count * processes - perCoreFailed} connections`);

  return {
    oneProcess: { connections: count - one.failed, ...one },
    perCore: {
      processes,
      connections: count * processes - perCoreFailed,
      failed: perCoreFailed,
      kbEach: round(shares.reduce((sum, s) => sum + s.kbEach, 0) / shares.length),
    },
    bare: {
      connections: count - bareFigures.failed,
      kbEach: bareFigures.kbEach,
      liveKbEach: bareFigures.liveKbEach,
    },
  };
}
