import type { KeyValueStorage } from './storage.js';

const STORE = 'kv';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * IndexedDB, the default in browsers: it holds far more than localStorage and writes without
 * blocking the page. One database with one object store of JSON values by key.
 */
export class IndexedDbStorage implements KeyValueStorage {
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly name = 'confab',
    private readonly factory: IDBFactory = globalThis.indexedDB,
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    });
    return this.db;
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const value: unknown = await done((await this.store('readonly')).get(key));
    return value === undefined ? undefined : (value as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    // A JSON round trip gives structured clone plain data only, as the other stores keep.
    await done((await this.store('readwrite')).put(JSON.parse(JSON.stringify(value)), key));
  }

  async delete(key: string): Promise<void> {
    await done((await this.store('readwrite')).delete(key));
  }

  async keys(prefix: string): Promise<string[]> {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const keys = await done((await this.store('readonly')).getAllKeys(range));
    return keys.map(String);
  }

  /** Closes the database, so a test or a page can delete it. */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = null;
  }
}
