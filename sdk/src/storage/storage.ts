/**
 * Where the SDK keeps what must outlive a page: the outbox and the history cache. Values are
 * plain JSON. Keys carry the server, tenant key and user, so two users or tenants on one
 * device never read each other's data. A host may pass its own (encrypted, say).
 */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

/** Keeps values in memory: the default in Node, and what a host passes to share across clients. */
export class MemoryStorage implements KeyValueStorage {
  private readonly data = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    // Stored as text, as the browser stores do, so a caller's later edits cannot leak in.
    this.data.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.data.keys()].filter((key) => key.startsWith(prefix));
  }
}
