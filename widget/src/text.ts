import { h } from './dom.js';
import { fill } from './strings.js';
import type { Strings } from './strings.js';

/** Web addresses in message text; only http(s) and www. ones become links. */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?)\]}'"»”]+$/;

/**
 * Message text as nodes: text nodes, and anchors for web addresses. The address shown is the
 * text itself; the href is rebuilt through URL and kept only for http and https, so a
 * `javascript:` or `data:` link in any form stays plain text.
 */
export function linkify(text: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
    const rel = 'noopener noreferrer nofollow ugc';
    nodes.push(h('a', { href, target: '_blank', rel, dir: 'ltr' }, raw));
    last = start + raw.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

export function safeHref(raw: string): string | null {
  try {
    const url = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const graphemes =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** The user-perceived characters of a text: joined emoji and combining marks stay whole. */
export function splitGraphemes(text: string): string[] {
  if (graphemes) return Array.from(graphemes.segment(text), (part) => part.segment);
  return Array.from(text);
}

/** At most `max` graphemes, with an ellipsis when cut; never splits an emoji sequence. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let kept = '';
  let count = 0;
  let open = 0;
  for (const part of splitGraphemes(flat)) {
    // Isolation marks take no room; an isolate the cut leaves open is closed before the ellipsis.
    if (ISOLATE_START.test(part)) open += 1;
    else if (part === ISOLATE_END) open = Math.max(0, open - 1);
    else if (++count > max) return `${kept.trimEnd()}${ISOLATE_END.repeat(open)}…`;
    kept += part;
  }
  return flat;
}

const ISOLATE_START = /^[\u2066-\u2068]$/;
const ISOLATE_END = '\u2069';

/**
 * A name set apart from the line around it (first-strong isolate ... pop directional isolate),
 * so a name with right-to-left text or a directional override cannot reorder what follows it.
 * Names with neither read the same either way and are left as they are.
 */
export function isolate(text: string): string {
  return BIDI_SENSITIVE.test(text) ? `\u2068${text}\u2069` : text;
}

/** Right-to-left scripts, and the characters that change direction explicitly. */
const BIDI_SENSITIVE =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** One or two letters for an avatar without a picture; punctuation and symbols are skipped. */
export function initials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((word) => splitGraphemes(word).filter((g) => INITIAL.test(g)))
    .filter((graphemes) => graphemes.length > 0);
  const first = (word: string[] | undefined) => word?.[0] ?? '';
  const letters =
    words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase() || '?';
}

const INITIAL = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

export function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso: string, strings: Strings, now = new Date()): string {
  const day = new Date(iso);
  if (sameDay(day, now)) return strings.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(day, yesterday)) return strings.yesterday;
  const sameYear = day.getFullYear() === now.getFullYear();
  return day.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** The time a conversation row shows: the time today, else the day. */
export function formatListTime(iso: string, strings: Strings, now = new Date()): string {
  return sameDay(new Date(iso), now) ? formatTime(iso) : formatDay(iso, strings, now);
}

export function formatLastSeen(iso: string | null, strings: Strings, now = Date.now()): string {
  if (!iso) return strings.offline;
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  let when: string;
  if (minutes < 1) when = strings.justNow;
  else if (minutes < 60) when = fill(strings.minutesAgo, { count: minutes });
  else if (minutes < 24 * 60) when = fill(strings.hoursAgo, { count: Math.floor(minutes / 60) });
  else when = formatDay(iso, strings);
  return fill(strings.lastSeen, { time: when });
}
