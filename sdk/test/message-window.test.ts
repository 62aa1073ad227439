import { describe, expect, it } from 'vitest';

import type { Message } from '../src/protocol/models.js';
import { MessageWindow } from '../src/state/message-window.js';
import { UnreadCounter } from '../src/state/unread-counter.js';

function message(seq: number, text: string, state: Message['state'] = 'active'): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c',
    seq,
    senderId: 'bob',
    clientId: `k${seq}`,
    type: 'text',
    text,
    state,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    replyTo: null,
    mentions: [],
    reactions: [],
    myReactions: [],
    system: null,
  };
}

describe('message window', () => {
  it('keeps messages in seq order and never rolls one back with a late change', () => {
    const window = new MessageWindow({ messages: [], floorSeq: 1, hasOlder: false });
    window.upsert(message(3, 'three'), 3, true);
    window.upsert(message(1, 'one'), 1, true);
    window.upsert(message(1, '', 'deleted'), 9, false);
    window.upsert(message(1, 'one, edited'), 5, false);
    expect(window.list().map((m) => [m.seq, m.text, m.state])).toEqual([
      [1, '', 'deleted'],
      [3, 'three', 'active'],
    ]);
  });

  it('keeps my reactions when a change pushed to everyone carries none', () => {
    const window = new MessageWindow({ messages: [], floorSeq: 1, hasOlder: false });
    window.upsert({ ...message(1, 'hi'), myReactions: ['like'] }, 1, true);
    window.upsert(message(1, 'hi (edited)'), 4, false);
    expect(window.get(1)?.myReactions).toEqual(['like']);
  });

  it('pages older history in below the floor', () => {
    const window = new MessageWindow({
      messages: [message(5, 'five')],
      floorSeq: 5,
      hasOlder: true,
    });
    window.prepend([message(3, 'three'), message(4, 'four')], true, 5);
    expect(window.list().map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(window.floorSeq).toBe(3);
    window.prepend([message(1, 'one')], false, 5);
    expect(window.hasOlder).toBe(false);
  });
});

describe('unread counter', () => {
  it('counts each new message once on top of the server count', () => {
    const counter = new UnreadCounter();
    counter.setBase(2, 10);
    counter.add(9);
    counter.add(11);
    counter.add(11);
    expect(counter.count).toBe(3);
    expect(counter.remove(11, 0)).toBe(true);
    expect(counter.count).toBe(2);
    expect(counter.remove(8, 0)).toBe(false);
    expect(counter.readUpTo(10)).toBe(true);
    expect(counter.count).toBe(0);
  });
});
