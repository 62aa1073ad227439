import type { Redis } from 'ioredis';

/**
 * Who is online, kept in Redis so every api node agrees. Each connection is an entry in its
 * user's sorted set, scored by when it expires unless its node renews it; the node that holds
 * it renews it on every heartbeat. A user is online while any entry is live. When the last
 * one goes (a clean disconnect, or a node that died and stopped renewing), the user is queued
 * for a check a grace period later; whichever node runs the check first and still finds
 * nothing live announces them offline. A reload within the grace period never flaps.
 */

export interface PresenceOptions {
  redis: Redis;
  /** The deployment's Redis key prefix. */
  prefix: string;
  /** This api process, so its entries can be told from other nodes'. */
  nodeId: string;
  /** How long after the last connection closes a user still counts as online, in ms. */
  graceMs: number;
  /** How often this node renews its connections, in ms; entries live three heartbeats. */
  heartbeatMs: number;
  onOnline(tenantId: string, userId: string): Promise<void>;
  onOffline(tenantId: string, userId: string, lastSeenAt: Date): Promise<void>;
  onError(error: unknown): void;
}

export interface PresenceState {
  online: boolean;
  /** When they were last online; null while online, or when never seen. */
  lastSeenAt: string | null;
}

/** How many queued checks one sweep takes on; the rest wait for the next sweep. */
const SWEEP_BATCH = 200;
/** How long a last-seen time stays in Redis; the store keeps it for good. */
const LAST_SEEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// KEYS: conns, online, sweep. ARGV: entry, expiresAt, ttlMs, checkAt, queued user.
// Answers 1 when the user came online. The check is queued now, not at the first heartbeat,
// so a node that dies at once still has its connection counted out.
const CONNECT = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[3], 'GT', ARGV[4], ARGV[5])
if redis.call('SET', KEYS[2], '1', 'NX') then return 1 end
return 0`;

// KEYS: conns, sweep. ARGV: entry, now, checkAt, queued user.
const DISCONNECT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
return 0`;

// KEYS: conns, online, sweep, lastSeen. ARGV: now, queued user, graceMs, lastSeenTtlMs.
// Answers 1 when this call took the user offline; the caller then announces it.
const CHECK = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] then
  redis.call('ZADD', KEYS[3], tonumber(newest[2]) + tonumber(ARGV[3]), ARGV[2])
  return 0
end
redis.call('ZREM', KEYS[3], ARGV[2])
if redis.call('DEL', KEYS[2]) == 1 then
  redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[4])
  return 1
end
return 0`;

interface LocalConnection {
  tenantId: string;
  userId: string;
}

export class PresenceTracker {
  private readonly local = new Map<string, LocalConnection>();
  private timers: NodeJS.Timeout[] = [];
  private sweeping = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: PresenceOptions) {}

  private get ttlMs(): number {
    return this.options.heartbeatMs * 3;
  }

  private key(kind: string, tenantId: string, userId: string): string {
    return `${this.options.prefix}presence:${kind}:${tenantId}:${userId}`;
  }

  private get sweepKey(): string {
    return `${this.options.prefix}presence:sweep`;
  }

  private entry(socketId: string): string {
    return `${this.options.nodeId}:${socketId}`;
  }

  /** Starts renewing this node's connections and checking queued users. */
  start(): void {
    const sweepEvery = Math.max(100, Math.min(this.options.graceMs / 4, 1_000));
    this.timers = [
      setInterval(
        () => void this.heartbeat().catch(this.options.onError),
        this.options.heartbeatMs,
      ),
      setInterval(() => void this.sweep().catch(this.options.onError), sweepEvery),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** Stops the timers. Entries of this node's connections expire on their own. */
  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Resolves once every connect and disconnect update this node started has finished. */
  async drain(): Promise<void> {
    // A settled connect may start its disconnect, so look again until nothing is left.
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
    return work;
  }

  connected(tenantId: string, userId: string, socketId: string): Promise<void> {
    this.local.set(socketId, { tenantId, userId });
    return this.track(this.register(tenantId, userId, socketId));
  }

  private async register(tenantId: string, userId: string, socketId: string): Promise<void> {
    const { redis } = this.options;
    const expiresAt = Date.now() + this.ttlMs;
    const came = await redis.eval(
      CONNECT,
      3,
      this.key('conns', tenantId, userId),
      this.key('online', tenantId, userId),
      this.sweepKey,
      this.entry(socketId),
      expiresAt,
      this.ttlMs,
      expiresAt + this.options.graceMs,
      `${tenantId}\n${userId}`,
    );
    if (came === 1) await this.options.onOnline(tenantId, userId);
  }

  disconnected(tenantId: string, userId: string, socketId: string): Promise<void> {
    this.local.delete(socketId);
    return this.track(this.unregister(tenantId, userId, socketId));
  }

  private async unregister(tenantId: string, userId: string, socketId: string): Promise<void> {
    const now = Date.now();
    await this.options.redis.eval(
      DISCONNECT,
      2,
      this.key('conns', tenantId, userId),
      this.sweepKey,
      this.entry(socketId),
      now,
      now + this.options.graceMs,
      `${tenantId}\n${userId}`,
    );
  }

  /** Renews every connection of this node, and queues a check for when each would lapse. */
  async heartbeat(): Promise<void> {
    if (this.local.size === 0) return;
    const expiresAt = Date.now() + this.ttlMs;
    const pipeline = this.options.redis.pipeline();
    for (const [socketId, { tenantId, userId }] of this.local) {
      const conns = this.key('conns', tenantId, userId);
      pipeline.zadd(conns, expiresAt, this.entry(socketId));
      pipeline.pexpire(conns, this.ttlMs);
      pipeline.zadd(
        this.sweepKey,
        'GT',
        expiresAt + this.options.graceMs,
        `${tenantId}\n${userId}`,
      );
    }
    await pipeline.exec();
  }

  /** Checks the users whose check is due, and announces those who went offline. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = Date.now();
      const due = await this.options.redis.zrangebyscore(
        this.sweepKey,
        '-inf',
        now,
        'LIMIT',
        0,
        SWEEP_BATCH,
      );
      for (const queued of due) await this.check(queued, now);
    } finally {
      this.sweeping = false;
    }
  }

  private async check(queued: string, now: number): Promise<void> {
    const [tenantId, userId] = queued.split('\n') as [string, string];
    const went = await this.options.redis.eval(
      CHECK,
      4,
      this.key('conns', tenantId, userId),
      this.key('online', tenantId, userId),
      this.sweepKey,
      this.key('seen', tenantId, userId),
      now,
      queued,
      this.options.graceMs,
      LAST_SEEN_TTL_MS,
    );
    if (went === 1) await this.options.onOffline(tenantId, userId, new Date(now));
  }

  /**
   * Whether each user is online, and when offline ones were last seen (null where Redis has no
   * record; the caller may know better from the store).
   */
  async lookup(tenantId: string, userIds: string[]): Promise<PresenceState[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.options.redis.pipeline();
    for (const userId of userIds) {
      pipeline.exists(this.key('online', tenantId, userId));
      pipeline.get(this.key('seen', tenantId, userId));
    }
    const results = (await pipeline.exec()) ?? [];
    return userIds.map((_, index) => {
      const online = results[index * 2]?.[1] === 1;
      const seen = results[index * 2 + 1]?.[1];
      const lastSeenAt =
        online || typeof seen !== 'string' ? null : new Date(Number(seen)).toISOString();
      return { online, lastSeenAt };
    });
  }
}
