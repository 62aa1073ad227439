import { describe, expect, it } from 'vitest';

import { OrderedFeed } from '../src/sync/ordered-feed.js';
import type { SyncPage } from '../src/sync/ordered-feed.js';
import { until } from './poll.js';

interface Change {
  seq: number;
  from: string;
}

/** A feed over a log the test controls: `stored` is what a sync read returns. */
function harness(stored: number[] = [], gapGraceMs = 20) {
  const delivered: Change[] = [];
  const reads: number[] = [];
  const log = new Set(stored);
  const feed = new OrderedFeed<Change>({
    seqOf: (c) => c.seq,
    fetch: async (afterSeq): Promise<SyncPage<Change>> => {
      reads.push(afterSeq);
      const seqs = [...log].filter((s) => s > afterSeq).sort((a, b) => a - b);
      return {
        changes: seqs.map((seq) => ({ seq, from: 'log' })),
        hasMore: false,
        lastSeq: Math.max(afterSeq, ...seqs),
      };
    },
    deliver: (c) => delivered.push(c),
    onSyncError: (error) => {
      throw error;
    },
    gapGraceMs,
  });
  const live = (seq: number) => feed.receive({ seq, from: 'live' });
  const seqs = () => delivered.map((c) => c.seq);
  return { feed, delivered, reads, log, live, seqs };
}

describe('ordered feed', () => {
  it('puts a higher seq that arrived first after the lower one, without reading the log', async () => {
    const { feed, live, seqs, reads } = harness([], 1_000);
    feed.start(0);
    live(1);
    live(3);
    live(2);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
  });

  it('reads the log when a gap stays open, and delivers each seq once in order', async () => {
    const { feed, live, seqs, delivered, log, reads } = harness([1, 2, 3, 4]);
    feed.start(0);
    live(1);
    live(4);
    await until(() => seqs().length === 4, 'the gap filled');
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(delivered.map((c) => c.from)).toEqual(['live', 'log', 'log', 'log']);
    expect(reads).toEqual([1]);
    log.add(5);
    live(4);
    live(5);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes a seq the log never filled as settled once the log was read past it', async () => {
    const { feed, live, seqs, reads, log } = harness([1, 3]);
    feed.start(0);
    live(1);
    live(3);
    await until(() => seqs().length === 2, 'the burned seq passed over');
    log.add(4);
    live(4);
    expect(seqs()).toEqual([1, 3, 4]);
    expect(feed.position).toBe(4);
    expect(reads).toEqual([1]);
  });

  it('delivers a change the log had not stored yet when it arrives late, once', async () => {
    const { feed, live, seqs, log } = harness([1, 3]);
    feed.start(0);
    void feed.catchUp();
    await until(() => seqs().length === 2, 'the first read');
    expect(feed.position).toBe(3);
    log.add(2);
    live(2);
    live(2);
    expect(seqs()).toEqual([1, 3, 2]);
  });

  it('holds changes until started and drops those at or below the start', () => {
    const { feed, live, seqs } = harness();
    live(5);
    live(6);
    live(8);
    expect(seqs()).toEqual([]);
    feed.start(5);
    expect(seqs()).toEqual([6]);
  });
});
