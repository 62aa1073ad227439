/**
 * The widget's style sheet, adopted by its shadow root (through the CSSOM, so a host page's
 * Content-Security-Policy for inline styles does not stop it). `all: initial` on the root cuts
 * every inherited property from the page; tenants theme through the `--confab-*` properties,
 * which do inherit, set on the page's `:root` or on the widget's host element.
 */
export const css = `
:host {
  --accent: var(--confab-accent, #4f46e5);
  --accent-text: var(--confab-accent-text, #ffffff);
  --bg: var(--confab-background, #ffffff);
  --surface: var(--confab-surface, #f3f4f6);
  --text: var(--confab-text, #111827);
  --muted: var(--confab-muted, #4b5563);
  --border: var(--confab-border, #e5e7eb);
  --mine: var(--confab-bubble-mine, var(--accent));
  --mine-text: var(--confab-bubble-mine-text, var(--accent-text));
  --theirs: var(--confab-bubble-theirs, #eef0f3);
  --theirs-text: var(--confab-bubble-theirs-text, var(--text));
  --danger: var(--confab-danger, #b42318);
  --online: var(--confab-online, #16a34a);
  --radius: var(--confab-radius, 18px);
  --font: var(--confab-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif,
    'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji');
  --shadow: 0 12px 40px rgba(17, 24, 39, .18), 0 2px 8px rgba(17, 24, 39, .08);
  display: block;
}
/* The floating widget's host is a plain div: a page's own !important rules on * or div match it
   too, and only the shadow tree's important rules outrank them. The <confab-chat> element
   keeps the box its page gives it. */
:host([data-confab-widget]) {
  all: initial !important;
  display: block !important;
}
/* Nothing inherited from the page gets past here (\`all\` leaves custom properties, which
   theme the widget, and direction, which --confab-direction sets). */
.root {
  all: initial;
  box-sizing: border-box;
  direction: var(--confab-direction, ltr);
  font-family: var(--font);
  font-size: 14px;
  line-height: 1.4;
  color: var(--text);
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; border: 0; background: none; padding: 0; margin: 0; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.icon { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 2;
  stroke-linecap: round; stroke-linejoin: round; flex: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }

.root { position: fixed; right: 20px; bottom: 20px; z-index: var(--confab-z-index, 2147483000);
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px; }
.root.inline { position: relative; right: auto; bottom: auto; z-index: auto; height: 100%;
  align-items: stretch; }
.launcher { position: relative; width: 56px; height: 56px; border-radius: 50%;
  background: var(--accent); color: var(--accent-text); display: grid; place-items: center;
  box-shadow: var(--shadow); transition: transform .15s ease; }
.launcher:hover { transform: scale(1.05); }
.launcher .icon { width: 26px; height: 26px; }
.badge { min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: var(--danger); color: #fff; font-size: 12px; font-weight: 600; line-height: 20px;
  text-align: center; }
.launcher .badge { position: absolute; top: -4px; right: -4px; border: 2px solid var(--bg); }

.panel { position: relative; width: 380px; height: min(620px, calc(100vh - 100px)); background: var(--bg);
  border-radius: var(--radius); box-shadow: var(--shadow); display: flex; flex-direction: column;
  overflow: hidden; border: 1px solid var(--border); }
.inline .panel { width: 100%; height: 100%; box-shadow: none; }
@media (max-width: 440px) {
  .root:not(.inline) { right: 12px; bottom: 12px; }
  .root:not(.inline) .panel { position: fixed; inset: 0; width: 100vw; height: 100%;
    border-radius: 0; border: 0; }
  .root.open:not(.inline) .launcher { display: none; }
}

.header { display: flex; align-items: center; gap: 10px; padding: 12px 14px;
  border-bottom: 1px solid var(--border); min-height: 60px; }
.header-main { flex: 1; min-width: 0; }
.header h2 { margin: 0; font-size: 16px; font-weight: 650; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.subtitle { font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.icon-button { width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center;
  color: var(--muted); flex: none; }
.close-panel { display: none; }
@media (max-width: 440px) { .root.open:not(.inline) .close-panel { display: grid; } }
.icon-button:hover { background: var(--surface); color: var(--text); }
.tabs { display: flex; gap: 4px; padding: 8px 12px 0; border-bottom: 1px solid var(--border); }
.tab { padding: 8px 12px; border-bottom: 2px solid transparent; color: var(--muted);
  font-weight: 600; }
.tab[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
.body { flex: 1; min-height: 0; overflow-y: auto; position: relative; }
.empty { padding: 40px 24px; text-align: center; color: var(--muted); }

.banner { padding: 8px 14px; background: #fef3c7; color: #78350f; font-size: 13px;
  font-weight: 500; display: flex; gap: 8px; align-items: center; }
.banner::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #d97706; }

.list { list-style: none; margin: 0; padding: 6px 0; }
.row { width: 100%; display: flex; align-items: center; gap: 12px; padding: 10px 16px;
  text-align: start; }
.row:hover, .row:focus-visible { background: var(--surface); }
.row-main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.row-top { display: flex; align-items: baseline; gap: 8px; }
.row-name { flex: 1; min-width: 0; font-weight: 600; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.row-time { font-size: 12px; color: var(--muted); flex: none; }
.row-bottom { display: flex; align-items: center; gap: 8px; margin-top: 2px; }
.row-preview { flex: 1; min-width: 0; color: var(--muted); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.unread .row-name, .unread .row-preview { color: var(--text); }
.row-main > .row-name { flex: none; }
.check { width: 20px; height: 20px; accent-color: var(--accent); flex: none; }

.avatar { position: relative; flex: none; border-radius: 50%; display: inline-grid;
  place-items: center; background: hsl(var(--hue, 210) 65% 88%); color: hsl(var(--hue, 210) 55% 26%);
  font-weight: 650; }
.avatar-md { width: 40px; height: 40px; font-size: 15px; }
.avatar-sm { width: 28px; height: 28px; font-size: 11px; }
.avatar-xs { width: 18px; height: 18px; font-size: 8px; letter-spacing: -.02em; }
.avatar-img { width: 100%; height: 100%; border-radius: 50%; object-fit: cover; }
.dot { position: absolute; right: -1px; bottom: -1px; width: 12px; height: 12px; border-radius: 50%;
  background: #9ca3af; border: 2px solid var(--bg); }
.dot-on { background: var(--online); }

.form { padding: 12px 16px; border-top: 1px solid var(--border); display: flex;
  flex-direction: column; gap: 8px; }
.label { font-size: 12px; font-weight: 600; color: var(--muted); }
.field { width: 100%; border: 1px solid var(--border); border-radius: 10px; padding: 9px 12px;
  background: var(--bg); }
.primary { background: var(--accent); color: var(--accent-text); border-radius: 10px;
  padding: 10px 14px; font-weight: 600; }
.primary:disabled { opacity: .5; cursor: default; }
.secondary { border-radius: 10px; padding: 10px 14px; font-weight: 600; background: var(--surface); }
.danger { color: var(--danger); }
.hint { padding: 10px 16px 0; color: var(--muted); font-size: 13px; }

.messages { padding: 12px 12px 4px; display: flex; flex-direction: column; gap: 2px; }
.day { align-self: center; margin: 10px 0 6px; padding: 3px 10px; border-radius: 10px;
  background: var(--surface); color: var(--muted); font-size: 12px; font-weight: 600; }
.system { align-self: center; color: var(--muted); font-size: 12px; margin: 6px 0;
  text-align: center; }
.older { align-self: center; color: var(--muted); font-size: 12px; padding: 6px; }
.msg { display: flex; align-items: flex-end; gap: 8px; max-width: 100%; margin-top: 6px; }
.msg.cont { margin-top: 1px; }
.msg.mine { flex-direction: row-reverse; }
.msg .avatar-slot { width: 28px; flex: none; }
.stack { display: flex; flex-direction: column; align-items: flex-start; min-width: 0;
  max-width: 78%; }
.mine .stack { align-items: flex-end; }
.sender { font-size: 12px; color: var(--muted); font-weight: 600; margin: 0 10px 2px; }
.bubble-line { display: flex; align-items: center; gap: 4px; max-width: 100%; }
.mine .bubble-line { flex-direction: row-reverse; }
.bubble { padding: 8px 12px; border-radius: 18px; background: var(--theirs); color: var(--theirs-text);
  white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; unicode-bidi: plaintext; }
.mine .bubble { background: var(--mine); color: var(--mine-text); }
.bubble a { color: inherit; text-decoration: underline; }
.pending-bubble { opacity: .85; }
.bubble.tomb { background: transparent; border: 1px dashed var(--border); color: var(--muted);
  font-style: italic; }
.quote { display: block; margin-bottom: 4px; padding: 4px 8px; border-inline-start: 3px solid currentColor;
  border-radius: 6px; background: rgba(127, 127, 127, .15); font-size: 12px; opacity: .9; }
.meta { display: flex; align-items: center; gap: 6px; font-size: 11px; color: var(--muted);
  margin: 2px 8px 0; }
.failed { color: var(--danger); font-weight: 600; }
.link-button { color: var(--accent); font-weight: 600; font-size: 12px; }
.msg-tools { display: flex; gap: 2px; opacity: 0; transition: opacity .1s; }
.msg:hover .msg-tools, .msg:focus-within .msg-tools, .msg-tools.open { opacity: 1; }
.tool { width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center;
  color: var(--muted); }
.tool:hover { background: var(--surface); color: var(--text); }
.tool .icon { width: 16px; height: 16px; }
.likes { display: inline-flex; align-items: center; gap: 4px; margin: 3px 6px 0; padding: 2px 8px 2px 4px;
  border-radius: 12px; background: var(--bg); border: 1px solid var(--border); font-size: 12px; }
.likes.mine-like { border-color: var(--accent); }
.likes .icon { width: 14px; height: 14px; fill: #e11d48; stroke: #e11d48; }
.likers { display: inline-flex; }
.likers .avatar { margin-inline-start: -4px; border: 1.5px solid var(--bg); }
.likers .avatar:first-child { margin-inline-start: 0; }
.liked .icon { fill: #e11d48; stroke: #e11d48; }
.reads { display: flex; justify-content: flex-end; gap: 2px; margin: 2px 0 0; }
.reads .avatar { border: 1px solid var(--bg); }
.typing { padding: 2px 18px 6px; font-size: 12px; color: var(--muted); min-height: 22px; }

.menu { position: absolute; z-index: 3; min-width: 180px; padding: 6px; background: var(--bg);
  border: 1px solid var(--border); border-radius: 12px; box-shadow: var(--shadow); }
.menu-item { display: block; width: 100%; text-align: start; padding: 8px 10px; border-radius: 8px; }
.menu-item:hover, .menu-item:focus-visible { background: var(--surface); }

.composer { border-top: 1px solid var(--border); padding: 8px 10px; display: flex;
  flex-direction: column; gap: 6px; position: relative; }
.composer-row { display: flex; gap: 8px; align-items: flex-end; }
.composer textarea { flex: 1; resize: none; border: 1px solid var(--border); border-radius: 20px;
  padding: 9px 14px; max-height: 120px; min-height: 40px; background: var(--surface);
  unicode-bidi: plaintext; }
textarea::placeholder, input::placeholder { color: var(--muted); opacity: 1; }
.composer textarea:focus { outline: none; border-color: var(--accent); background: var(--bg); }
.send { width: 40px; height: 40px; border-radius: 50%; background: var(--accent);
  color: var(--accent-text); display: grid; place-items: center; flex: none; }
.send:disabled { opacity: .45; cursor: default; }
.context { display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--muted);
  padding: 4px 8px; border-inline-start: 3px solid var(--accent); background: var(--surface);
  border-radius: 6px; }
.context span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.suggest { position: absolute; bottom: 100%; left: 10px; right: 10px; margin: 0; padding: 6px;
  list-style: none; background: var(--bg); border: 1px solid var(--border); border-radius: 12px;
  box-shadow: var(--shadow); }
.suggest li { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-radius: 8px;
  cursor: pointer; }
.suggest li[aria-selected="true"] { background: var(--surface); }

.overlay { position: absolute; inset: 0; background: rgba(17, 24, 39, .35); display: flex;
  align-items: flex-end; z-index: 5; }
.sheet { width: 100%; max-height: 80%; overflow-y: auto; background: var(--bg);
  border-radius: var(--radius) var(--radius) 0 0; padding: 16px; }
.sheet h3 { margin: 8px 0; font-size: 13px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
.sheet p { margin: 0 0 12px; }
.sheet .quote { margin: 0 0 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.sheet-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
.person { display: flex; align-items: center; gap: 10px; padding: 6px 0; }
.toast { position: absolute; left: 50%; bottom: 76px; transform: translateX(-50%);
  background: #111827; color: #fff; padding: 8px 14px; border-radius: 10px; font-size: 13px;
  z-index: 6; }
.chat { display: flex; flex-direction: column; flex: 1; min-height: 0; position: relative; }
`;
