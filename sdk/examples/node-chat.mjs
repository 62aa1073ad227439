// Two demo users chat through the SDK in Node. Run `npm run demo` first (it writes the URL and
// tokens this script reads), then, from the repository root:
//   npm run build -w sdk && node sdk/examples/node-chat.mjs
import { readFileSync } from 'node:fs';

import { ConfabClient } from '@confab/sdk';

const demoFile =
  process.env.CONFAB_DEMO_FILE ?? new URL('../../.confab/demo/demo.json', import.meta.url);
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));

const alice = new ConfabClient({ url: demo.url, token: demo.tokens.alice });
const bob = new ConfabClient({ url: demo.url, token: demo.tokens.bob });
await Promise.all([alice.connect(), bob.connect()]);

// Bob answers the first message Alice sends him.
const answered = new Promise((resolve) => {
  const stop = bob.on('message', async (message) => {
    if (message.senderId !== 'alice') return;
    stop();
    console.log(`bob got #${message.seq}: ${message.text}`);
    await bob.reads.mark(message.conversationId);
    resolve(await bob.messages.send(message.conversationId, 'Hi Alice! Got it.'));
  });
});

const chat = await alice.conversations.openDirect('bob');
const sent = await alice.messages.send(chat.id, `Hi Bob, it is ${new Date().toLocaleTimeString()}`);
console.log(`alice sent #${sent.seq}`);
const reply = await answered;
console.log(`bob replied #${reply.seq}`);

// Alice's local state follows by itself: her list, the messages, and the unread badge.
const view = alice.state.messages(chat.id);
await new Promise((resolve) => {
  const stop = view.subscribe((list) => {
    if (!list.messages.some((m) => m.seq === reply.seq)) return;
    queueMicrotask(() => stop());
    resolve();
  });
});
console.log('alice sees:');
for (const m of view.get().messages.slice(-5)) console.log(`  #${m.seq} ${m.senderId}: ${m.text}`);
console.log(`alice unread: ${alice.state.unread().get().total}`);

await Promise.all([alice.close(), bob.close()]);
