// A bare chat page on the SDK's views. Every text from the server is set with textContent:
// message text is data, never markup.
import { ConfabClient } from '/sdk/confab.js';

const $ = (id) => document.getElementById(id);
const demo = await fetch('/demo.json').then((res) => (res.ok ? res.json() : null));
$('token').value = new URLSearchParams(location.search).get('token') ?? demo?.tokens?.alice ?? '';

let client = null;
let openId = null;
let stopOpen = () => undefined;

function item(text, className) {
  const li = document.createElement('li');
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

function renderConversations(list) {
  $('conversations').replaceChildren(
    ...list.map((c) => {
      const name = c.title ?? c.directUserIds.filter((id) => id !== client.userId).join(', ');
      const li = item(`${name}: ${c.lastMessage?.text ?? ''}`, c.id === openId ? 'open' : '');
      if (c.me?.unreadCount) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = String(c.me.unreadCount);
        li.prepend(badge);
      }
      li.onclick = () => open(c.id);
      return li;
    }),
  );
}

function renderMessages(view) {
  const stored = view.messages.map((m) =>
    item(m.state === 'active' ? `${m.senderId}: ${m.text}` : `${m.senderId}: (${m.state})`),
  );
  const pending = view.pending.map((entry) => {
    const li = item(`${client.userId}: ${entry.text}`, entry.status);
    if (entry.status === 'failed') {
      const retry = document.createElement('button');
      retry.textContent = 'retry';
      retry.onclick = () => client.messages.retry(entry.clientId).catch(() => undefined);
      const cancel = document.createElement('button');
      cancel.textContent = 'cancel';
      cancel.onclick = () => client.messages.cancel(entry.clientId);
      li.append(' ', retry, ' ', cancel);
    }
    return li;
  });
  $('messages').replaceChildren(...stored, ...pending);
  $('messages').scrollTop = $('messages').scrollHeight;
  const newest = view.messages.at(-1);
  if (newest && document.visibilityState === 'visible') {
    void client.reads.mark(view.conversationId, newest.seq).catch(() => undefined);
  }
}

function open(conversationId) {
  stopOpen();
  openId = conversationId;
  const stops = [
    client.state.messages(conversationId).subscribe(renderMessages),
    client.state.typing(conversationId).subscribe((ids) => {
      $('typing').textContent = ids.length ? `${ids.join(', ')} typing...` : '';
    }),
  ];
  stopOpen = () => stops.forEach((stop) => stop());
  renderConversations(client.state.conversations().get());
}

/** A client for the token in the box, replacing the one before; connecting is up to the caller. */
async function start() {
  await client?.close();
  client = new ConfabClient({ url: demo?.url ?? location.origin, token: $('token').value });
  client.state.connection().subscribe((state) => {
    $('status').textContent = state.error ? `${state.status} (${state.error.code})` : state.status;
  });
  client.state.conversations().subscribe(renderConversations);
  return client;
}

const connect = (c) => c.connect().catch((error) => alert(`${error.code}: ${error.message}`));

$('connect').onclick = () => void start().then(connect);

$('open').onclick = async () => {
  const chat = await client.conversations.openDirect($('peer').value.trim());
  open(chat.id);
};

$('text').oninput = () => openId && client.typing.start(openId);

$('composer').onsubmit = (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text || !openId) return;
  $('text').value = '';
  client.messages.send(openId, text).catch(() => undefined);
};

// `?with=bob` opens the direct chat with bob once connected.
const peer = new URLSearchParams(location.search).get('with');
if ($('token').value) {
  const started = await start();
  if (peer) {
    const stop = started.state.connection().subscribe((state) => {
      if (!state.synced) return;
      queueMicrotask(() => stop());
      $('peer').value = peer;
      $('open').click();
    });
  }
  void connect(started);
}
