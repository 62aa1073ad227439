import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { BigGroupFigures } from '../scenarios/big-group.js';
import type { ConnectionFigures } from '../scenarios/connections.js';
import type { JobFigures } from '../scenarios/jobs.js';
import type { LatencySeries } from '../scenarios/latency.js';
import type { StoreFigures } from '../scenarios/store.js';
import { barChart, logLineChart } from './charts.js';
import type { Machine } from './machine.js';

export interface Results {
  mode: 'quick' | 'full';
  startedAt: string;
  seconds: number;
  machine: Machine;
  store: { backend: string };
  /** Each scenario's figures, or null when BENCH_ONLY left it out. */
  connections: ConnectionFigures | null;
  latency: LatencySeries[] | null;
  groups: BigGroupFigures | null;
  storage: StoreFigures | null;
  jobs: JobFigures | null;
  catchUp: string[];
}

type Row = [figure: string, value: string, target: string, verdict: string];

const n = (value: number) => value.toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? 'met' : 'missed');

function rows(r: Results): Row[] {
  const out: Row[] = [];
  const c = r.connections;
  if (c) {
    const ratio = c.oneProcess.kbEach / c.bare.kbEach;
    const liveRatio = c.oneProcess.liveKbEach / c.bare.liveKbEach;
    out.push(
      [
        'idle connections, one api process',
        `${n(c.oneProcess.connections)} (${n(c.oneProcess.failed)} failed)`,
        'up to the open-file limit',
        '',
      ],
      [
        'memory per connection, one api process',
        `${c.oneProcess.kbEach} KB (bare ${c.bare.kbEach} KB: ${ratio.toFixed(2)}x)`,
        '≤ 1.3x bare',
        mark(ratio <= 1.3),
      ],
      [
        'live memory per connection (heap and buffers after a full collection)',
        `${c.oneProcess.liveKbEach} KB (bare ${c.bare.liveKbEach} KB: ${liveRatio.toFixed(2)}x)`,
        '≤ 1.3x bare',
        mark(liveRatio <= 1.3),
      ],
      [
        `idle connections, ${c.perCore.processes} api processes (one per core)`,
        `${n(c.perCore.connections)}, ${c.perCore.kbEach} KB each`,
        '',
        '',
      ],
      ['connections opened per second', n(c.oneProcess.connectPerSecond), '', ''],
    );
  }
  if (r.groups) out.push(...groupRows(r.groups));
  for (const l of r.latency ?? []) {
    out.push([
      `send → receive, ${l.kind} (p50 / p99)`,
      `${l.p50} / ${l.p99} ms (ack p50 ${l.ackP50} ms)`,
      '10 / 50 ms',
      mark(l.p50 <= 10 && l.p99 <= 50),
    ]);
  }
  const s = r.storage;
  if (s) {
    out.push(
      ['messages stored per second', `${n(s.storedPerSecond)} (${s.senders} senders)`, '', ''],
      [
        `history page of 50 with ${n(s.historyMessages)} stored (newest / deep)`,
        `${s.newestPageP50} / ${s.deepPageP50} ms`,
        '',
        '',
      ],
    );
  }
  if (r.jobs) {
    out.push([
      'BullMQ jobs per second, end to end (webhooks)',
      `${n(r.jobs.jobsPerSecond)} (${n(r.jobs.deliveriesPerSecond)} deliveries/s)`,
      '',
      '',
    ]);
  }
  return out;
}

function groupRows(g: BigGroupFigures): Row[] {
  const out: Row[] = [];
  const f = g.fanout;
  out.push([
    `deliveries per second, one process (group of ${n(f.members)})`,
    `${n(f.deliveriesPerSecond)} (bare ${n(f.bareDeliveriesPerSecond)}: ${f.ratio}x)`,
    '≥ 0.7x bare',
    mark(f.ratio >= 0.7),
  ]);
  const largest = g.points.at(-1)!;
  const smallest = g.points[0]!;
  out.push(
    [
      `last of ${n(largest.members)} connected members has the message`,
      `${largest.lastDeliveryMs} ms`,
      '500 ms',
      mark(largest.lastDeliveryMs <= 500),
    ],
    [
      `sender's ack, ${n(largest.members)} vs ${smallest.members} members`,
      `${largest.ackMs} vs ${smallest.ackMs} ms`,
      'does not grow with size',
      mark(largest.ackMs <= Math.max(2 * smallest.ackMs, smallest.ackMs + 10)),
    ],
  );
  return out;
}

function table(r: Results): string {
  const lines = ['| figure | measured | target | |', '| --- | --- | --- | --- |'];
  for (const row of rows(r)) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** Writes summary.md and its two charts beside results.json. */
export async function writeSummary(dir: string, r: Results): Promise<void> {
  if (r.latency) {
    const chart = barChart(
      'Send to receive latency, including the durable write',
      'ms',
      ['p50', 'p90', 'p99', 'max'],
      r.latency.map((l) => ({ name: l.kind, values: [l.p50, l.p90, l.p99, l.max] })),
    );
    await writeFile(path.join(dir, 'latency.svg'), chart);
  }
  const points = r.groups?.points ?? [];
  if (points.length > 0) {
    const chart = logLineChart(
      'Time to reach every connected member, by group size',
      'ms',
      points.map((p) => p.members),
      [
        { name: 'last member has it', values: points.map((p) => p.lastDeliveryMs) },
        { name: "sender's ack", values: points.map((p) => p.ackMs) },
      ],
    );
    await writeFile(path.join(dir, 'group-size.svg'), chart);
  }

  const m = r.machine;
  const summary = [
    `# Confab benchmarks (${r.mode} mode)`,
    '',
    `Run ${r.startedAt}, ${r.seconds} s. Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM.`,
    `Node ${m.node}, Redis ${m.redis}, store ${m.store} on its ${r.store.backend} backend.`,
    'The load generator runs on the same machine and cores as the servers it measures.',
    '',
    table(r),
    '',
    ...(r.latency ? ['![Latency percentiles](latency.svg)', ''] : []),
    ...(points.length > 0
      ? [
          '![Delivery time against group size](group-size.svg)',
          '',
          '## Delivery time by group size',
          '',
          '| members | last member has it | sender’s ack |',
          '| --- | --- | --- |',
          ...points.map((p) => `| ${n(p.members)} | ${p.lastDeliveryMs} ms | ${p.ackMs} ms |`),
          '',
        ]
      : []),
    '## SDK catch-up after a network drop',
    '',
    ...(r.catchUp.length ? r.catchUp.map((line) => `    ${line}`) : ['Not run.']),
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'summary.md'), summary);
}
