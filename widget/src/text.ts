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
    nodes.push(h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow ugc' }, raw));
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
  const parts = splitGraphemes(flat);
  return parts.length <= max ? flat : `${parts.slice(0, max).join('').trimEnd()}…`;
}

/** One or two letters for an avatar without a picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? (splitGraphemes(word)[0] ?? '') : '');
  const letters =
    words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase() || '?';
}

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
