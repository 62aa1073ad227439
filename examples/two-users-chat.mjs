// Makes the two demo users chat over the realtime API with a bare socket.io-client.
// Run `npm run demo` first; it writes the URL and tokens this script reads.
//   node examples/two-users-chat.mjs
import { readFileSync } from 'node:fs';

import { io } from 'socket.io-client';

const demoFile =
  process.env.CONFAB_DEMO_FILE ?? new URL('../.confab/demo/demo.json', import.meta.url);
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));

function connect(token) {
  const socket = io(demo.url, { auth: { token }, transports: ['websocket'] });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect refused: ${error.message}`)));
  });
}

// Every request is an event with an ack: { ok: true, data } or { ok: false, error }.
async function request(socket, name, input) {
  const ack = await socket.timeout(5000).emitWithAck(name, input);
  if (!ack.ok) throw new Error(`${name}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

const alice = await connect(demo.tokens.alice);
const bob = await connect(demo.tokens.bob);

const received = new Promise((resolve) => bob.on('message.new', (event) => resolve(event.message)));

const chat = await request(alice, 'conversation.openDirect', { userId: 'bob' });
const { message } = await request(alice, 'message.send', {
  conversationId: chat.id,
  clientId: `hello-${Date.now()}`,
  text: 'Hi Bob, this is Alice!',
});
console.log(`alice sent #${message.seq}: ${message.text}`);

const live = await received;
console.log(`bob received #${live.seq} from ${live.senderId}: ${live.text}`);

await request(bob, 'message.send', {
  conversationId: chat.id,
  clientId: `reply-${Date.now()}`,
  text: 'Hi Alice! Got it.',
});

const history = await request(alice, 'message.list', { conversationId: chat.id, limit: 5 });
console.log('last messages:');
for (const m of history.messages) console.log(`  #${m.seq} ${m.senderId}: ${m.text}`);

alice.close();
bob.close();
