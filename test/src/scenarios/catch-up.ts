import { ConfabClient } from '@confab/sdk';
import type { ConversationChange } from '@confab/sdk';
import type { RunningApi } from '@confab/server';

import type { TestTenant } from '../helpers/api.js';
import { connect } from '../helpers/clients.js';
import { openGate } from '../helpers/tcp-gate.js';
import { waitFor } from '../helpers/wait.js';

export interface CatchUpResult {
  changes: number;
  conversations: number;
  /** From the network coming back to the client being connected, in ms (backoff included). */
  reconnectMs: number;
  /** From connected to caught up with every missed change delivered, in ms. */
  catchUpMs: number;
  /** How long making the changes took, in ms. */
  writeMs: number;
}

/**
 * Alice's client loses its network while Bob writes `changes` messages spread over
 * `conversations` groups; then the network returns. Measures how long the client takes to
 * reconnect and to deliver every missed change, and checks each came once, in seq order.
 */
export async function catchUpScenario(
  api: RunningApi,
  tenant: Pick<TestTenant, 'addUsers' | 'token'>,
  options: { changes: number; conversations: number },
): Promise<CatchUpResult> {
  await tenant.addUsers('alice', 'bob');
  const gate = await openGate(api.port);
  const bob = await connect(api.url, await tenant.token('bob'));
  const alice = new ConfabClient({
    url: gate.url,
    token: await tenant.token('alice'),
    reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
  });
  try {
    await alice.connect();
    const groups: string[] = [];
    for (let i = 0; i < options.conversations; i += 1) {
      const group = await bob.ok('conversation.createGroup', {
        title: `g${i}`,
        memberIds: ['alice'],
      });
      groups.push(group.id);
    }
    await waitFor(() => alice.state.conversations().get().length === groups.length, {
      what: 'alice has every group',
    });
    const missed: ConversationChange[] = [];
    // The messages written while she is away; a group's creation notice may still be on its
    // way when she goes, and is not one of them.
    alice.on('change', (change) => {
      if (change.type === 'message.new' && change.message.type === 'text') missed.push(change);
    });

    gate.cut();
    await waitFor(() => alice.connectionState.status === 'reconnecting', { what: 'offline' });
    const written = Date.now();
    const perGroup = Math.ceil(options.changes / groups.length);
    await Promise.all(
      groups.map(async (conversationId, g) => {
        for (let i = 0; i < perGroup && g * perGroup + i < options.changes; i += 1) {
          await bob.ok('message.send', { conversationId, clientId: `m${g}-${i}`, text: `${i}` });
        }
      }),
    );
    const writeMs = Date.now() - written;

    const restored = Date.now();
    gate.restore();
    let connectedAt = 0;
    await waitFor(
      () => {
        if (!connectedAt && alice.connectionState.status === 'connected') connectedAt = Date.now();
        return alice.connectionState.synced && missed.length >= options.changes;
      },
      { timeoutMs: 60_000, intervalMs: 5, what: 'every missed change at alice' },
    );
    const doneAt = Date.now();

    const bySeq = new Map<string, number[]>();
    for (const change of missed) {
      bySeq.set(change.conversationId, [...(bySeq.get(change.conversationId) ?? []), change.seq]);
    }
    for (const seqs of bySeq.values()) {
      const ordered = [...new Set(seqs)].sort((a, b) => a - b);
      if (JSON.stringify(ordered) !== JSON.stringify(seqs)) {
        throw new Error('changes arrived twice or out of order');
      }
    }
    if (missed.length !== options.changes) {
      throw new Error(`expected ${options.changes} changes, got ${missed.length}`);
    }
    return {
      changes: missed.length,
      conversations: groups.length,
      reconnectMs: (connectedAt || doneAt) - restored,
      catchUpMs: doneAt - (connectedAt || restored),
      writeMs,
    };
  } finally {
    await alice.close();
    bob.close();
    await gate.close();
  }
}
