import { AppError } from '../errors.js';
import { BlockedWord } from '../store/models/index.js';

/**
 * A tenant's blocked words, applied to its users' sends and edits. A word matches whole (not
 * inside a longer word) and in any letter case. `refuse` words turn the text away with
 * `blocked_word`; `mask` words are stored starred out, one star per character.
 */

interface CompiledWords {
  refuse: RegExp | null;
  mask: RegExp | null;
  until: number;
}

/** How long a tenant's words are served from memory, in ms; other nodes see a change by then. */
const CACHE_MS = 2_000;
const cache = new Map<string, CompiledWords>();

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  // Longest first, so "bad word" wins over "bad" where both are listed.
  const sorted = [...words].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

async function wordsOf(tenantId: string): Promise<CompiledWords> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit;
  const docs = await BlockedWord.find({ tenantId }, { word: 1, mode: 1 }).lean();
  const compiled = {
    refuse: compile(docs.filter((d) => d.mode === 'refuse').map((d) => d.word)),
    mask: compile(docs.filter((d) => d.mode === 'mask').map((d) => d.word)),
    until: Date.now() + CACHE_MS,
  };
  cache.set(tenantId, compiled);
  return compiled;
}

/** Forgets a tenant's words read earlier in this process, after changing them here. */
export function forgetBlockedWords(tenantId: string): void {
  cache.delete(tenantId);
}

/** The text as it may be stored: refused with `blocked_word`, or with masked words starred. */
export async function screenText(tenantId: string, text: string): Promise<string> {
  const { refuse, mask } = await wordsOf(tenantId);
  if (refuse) {
    refuse.lastIndex = 0;
    if (refuse.test(text)) {
      throw new AppError('blocked_word', 'The text holds a word this app does not allow', {
        details: [{ path: ['text'], code: 'blocked_word', message: 'remove the blocked word' }],
      });
    }
  }
  if (!mask) return text;
  return text.replace(mask, (found) => '*'.repeat([...found].length));
}
