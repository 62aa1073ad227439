import { IndexedDbStorage } from './indexed-db.js';
import { LocalStorageStorage } from './local-storage.js';
import { MemoryStorage } from './storage.js';
import type { KeyValueStorage } from './storage.js';

/** IndexedDB where there is one (browsers), else localStorage, else memory (Node). */
export function defaultStorage(): KeyValueStorage {
  if (typeof globalThis.indexedDB !== 'undefined') return new IndexedDbStorage();
  try {
    if (typeof globalThis.localStorage !== 'undefined') return new LocalStorageStorage();
  } catch {
    // Some browsers throw on access when storage is disabled.
  }
  return new MemoryStorage();
}
