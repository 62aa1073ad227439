import { type LogFn, type RunningService } from './child-service.js';
import { pingRedis, startRedis } from './redis.js';
import { pingMongo, startStore } from './store.js';

export {
  describeExit,
  readLogTail,
  startChildService,
  type ChildServiceOptions,
  type LogFn,
  type RunningService,
  type ServiceExit,
} from './child-service.js';
export { getFreePort } from './free-port.js';
export { pingRedis, startRedis, type RedisOptions } from './redis.js';
export { ensureStoreBinary, pingMongo, repoRoot, startStore, type StoreOptions } from './store.js';

/** The databases the demo, the tests and CI talk to. */
export interface DevServices {
  /** Ends in `/` without a database name: append one, e.g. `${mongodbUri}confab`. */
  mongodbUri: string;
  redisUrl: string;
  /** Stops the services this call started (never external ones). Safe to call more than once. */
  stop(): Promise<void>;
  /** Only the services started here; empty when both came from the environment. */
  services: RunningService[];
}

export interface StartServicesOptions {
  /** Holds the services' logs and data, e.g. <repo>/.confab/services. */
  dataDir: string;
  log?: LogFn;
  /** Where MONGODB_URI, REDIS_URL and STORE_POSTGRESQL_URL are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** How long a server named in the environment gets to answer: it should already be running. */
const EXTERNAL_PING_TIMEOUT_MS = 10_000;

interface Provided {
  url: string;
  service?: RunningService;
}

/**
 * Provides MongoDB and Redis, starting the bundled ones in parallel unless the environment names
 * servers to use instead:
 *
 * - MONGODB_URI: use that server, start no store. It must answer a ping within 10 s, so a typo
 *   fails here with a clear message rather than as a hang inside the first test.
 * - REDIS_URL: likewise for Redis.
 * - STORE_POSTGRESQL_URL: the bundled store keeps its data in that PostgreSQL database instead of
 *   SQLite files under dataDir (CI uses this to test the other backend).
 *
 * If anything fails, the services that did start are stopped and the first error is thrown.
 */
export async function startServices(options: StartServicesOptions): Promise<DevServices> {
  const env = options.env ?? process.env;
  const started: RunningService[] = [];
  const track = async (provided: Promise<Provided>): Promise<Provided> => {
    const result = await provided;
    if (result.service) started.push(result.service);
    return result;
  };
  const pending = [track(provideMongo(options, env)), track(provideRedis(options, env))] as const;
  let mongo: Provided;
  let redis: Provided;
  try {
    [mongo, redis] = await Promise.all(pending);
  } catch (error) {
    // Stop what is already up before reporting, so nothing is left to a SIGKILL. A sibling still
    // starting (a cold store build takes ~90 s) is stopped once up, rather than waited for; if
    // the caller exits first, the exit hook in child-service kills it.
    for (const provided of pending) {
      void provided.then(
        ({ service }) => service?.stop(),
        () => undefined,
      );
    }
    await Promise.all(started.map((service) => service.stop()));
    throw error;
  }

  const services = [mongo.service, redis.service].filter(
    (service): service is RunningService => service !== undefined,
  );
  let stopping: Promise<void> | undefined;
  return {
    mongodbUri: mongo.url,
    redisUrl: redis.url,
    services,
    stop: () => {
      stopping ??= Promise.all(services.map((service) => service.stop())).then(() => undefined);
      return stopping;
    },
  };
}

async function provideMongo(
  options: StartServicesOptions,
  env: NodeJS.ProcessEnv,
): Promise<Provided> {
  const external = nonEmpty(env.MONGODB_URI);
  if (external !== undefined) {
    await checkExternal('MONGODB_URI', external, 'a MongoDB ping', 'the bundled store', () =>
      pingMongo(external, EXTERNAL_PING_TIMEOUT_MS),
    );
    options.log?.(`using MONGODB_URI=${redactUrl(external)}`);
    return { url: external };
  }
  const postgresqlUrl = nonEmpty(env.STORE_POSTGRESQL_URL);
  if (postgresqlUrl !== undefined) {
    options.log?.(`store: PostgreSQL backend at ${redactUrl(postgresqlUrl)}`);
  }
  const service = await startStore({ dataDir: options.dataDir, postgresqlUrl, log: options.log });
  return { url: service.url, service };
}

async function provideRedis(
  options: StartServicesOptions,
  env: NodeJS.ProcessEnv,
): Promise<Provided> {
  const external = nonEmpty(env.REDIS_URL);
  if (external !== undefined) {
    await checkExternal('REDIS_URL', external, 'a Redis PING', 'the bundled redis-server', () =>
      pingRedis(external, EXTERNAL_PING_TIMEOUT_MS),
    );
    options.log?.(`using REDIS_URL=${redactUrl(external)}`);
    return { url: external };
  }
  const service = await startRedis({ dataDir: options.dataDir, log: options.log });
  return { url: service.url, service };
}

/** Runs `ping`, turning a failure into an error that names the variable to fix or unset. */
async function checkExternal(
  variable: string,
  url: string,
  what: string,
  bundled: string,
  ping: () => Promise<void>,
): Promise<void> {
  try {
    await ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const seconds = EXTERNAL_PING_TIMEOUT_MS / 1000;
    throw new Error(
      `${variable}=${redactUrl(url)} did not answer ${what} within ${seconds} s (${reason}). ` +
        `Start that server, fix ${variable}, or unset it to use ${bundled}.`,
      { cause: error },
    );
  }
}

/** An empty variable (`MONGODB_URI= npm test`) means unset, as in most shells' conventions. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Hides a password in a connection URL before it reaches a log or an error message. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
