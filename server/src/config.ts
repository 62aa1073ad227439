import { z } from 'zod';

/** 32 bytes as 64 hex characters or as base64; encrypts stored API secrets. */
const masterKey = z.string().transform((value, ctx) => {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex characters or base64' });
    return z.NEVER;
  }
  return bytes;
});

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URI'),
  MASTER_KEY: masterKey,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A prefix for every Redis key and channel, so deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]*$/)
    .default('confab:'),
  /** Largest realtime frame accepted, in bytes; bigger frames close the socket. */
  SOCKET_MAX_BYTES: z.coerce.number().int().min(1024).default(2_000_000),
  /**
   * How api nodes and workers share rooms: `sharded` (Redis 7+ sharded pub/sub), `classic`
   * (plain pub/sub, any Redis), or `auto` (sharded when the server is Redis 7 or later).
   */
  SOCKET_ADAPTER: z.enum(['auto', 'sharded', 'classic']).default('auto'),
  /** How long after a user's last connection closes they still show online, in ms. */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** How often a node renews its connections in Redis, in ms; a dead node's lapse after 3. */
  PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Rate limits (0 turns one off): see server/src/limits/rate-limits.ts. */
  RATE_SENDS_PER_10S: z.coerce.number().int().min(0).default(50),
  RATE_REACTIONS_PER_10S: z.coerce.number().int().min(0).default(60),
  RATE_TYPING_PER_10S: z.coerce.number().int().min(0).default(30),
  RATE_CONNECTS_PER_MIN: z.coerce.number().int().min(0).default(30),
  RATE_CONNECTS_PER_ADDRESS_PER_MIN: z.coerce.number().int().min(0).default(300),
  RATE_TENANT_REQUESTS_PER_S: z.coerce.number().int().min(0).default(2_000),
  RATE_TOKENS_PER_ADDRESS_PER_MIN: z.coerce.number().int().min(0).default(600),
  /** Jobs one worker process runs at once, per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How long a worker holds a job before others may take it over (it renews while alive). */
  JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** A webhook endpoint's time to answer, in ms. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Attempts per webhook delivery before it lands in the failed list. */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /** First retry delay of a webhook delivery, in ms; each next one doubles it. */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  /** How often the retention job runs, in ms. */
  RETENTION_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60 * 60 * 1000),
  /** Web Push (VAPID) keys; without them, no push notifications are sent. */
  VAPID_PUBLIC_KEY: z.string().min(1).optional(),
  VAPID_PRIVATE_KEY: z.string().min(1).optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:)/, 'must be a mailto: or https: URL')
    .optional(),
  /** A console session ends after this many seconds without a request. */
  ADMIN_SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(7_200),
  /** A console session ends this many seconds after sign-in, however busy. */
  ADMIN_SESSION_MAX_SECONDS: z.coerce.number().int().min(1).max(604_800).default(43_200),
  /** The built console (admin/dist); the api serves it at /admin. */
  ADMIN_DIST_DIR: z.string().optional(),
  /** The built widget (widget/dist); the api serves it at /widget.js. */
  WIDGET_DIST_DIR: z.string().optional(),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Reads the process configuration once, at start. A bad value throws an Error whose
 * message names every offending variable, so the process stops with a clear reason.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}

const storeConfigSchema = configSchema.pick({
  MONGODB_URI: true,
  MASTER_KEY: true,
  LOG_LEVEL: true,
});

/** The part of the configuration that operator commands need: the store and the master key. */
export function loadStoreConfig(env: Record<string, string | undefined> = process.env) {
  return parseEnv(storeConfigSchema, env);
}

function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const reason =
      issue.code === 'invalid_type' && env[name] === undefined ? 'is required' : issue.message;
    return `  ${name}: ${reason}`;
  });
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
