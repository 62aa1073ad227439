import type { KeyValueStorage } from './storage.js';

/**
 * `localStorage`, for browsers without IndexedDB. It holds a few megabytes at most, so the
 * history cache keeps fewer messages there; a full quota drops the write, never the app.
 */
export class LocalStorageStorage implements KeyValueStorage {
  constructor(private readonly store: Storage = globalThis.localStorage) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.store.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      this.store.setItem(key, JSON.stringify(value));
    } catch {
      // Over quota: the cache is an aid, not the record; the server still has everything.
    }
  }

  async delete(key: string): Promise<void> {
    this.store.removeItem(key);
  }

  async keys(prefix: string): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < this.store.length; i += 1) {
      const key = this.store.key(i);
      if (key?.startsWith(prefix)) found.push(key);
    }
    return found;
  }
}
