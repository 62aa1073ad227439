import pg from 'pg';

/** Where the store looks for a PostgreSQL server when none is named: this machine's default. */
export const LOCAL_POSTGRESQL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const CONNECT_TIMEOUT_MS = 2_000;

/** Whether a PostgreSQL server answers at `url` (an admin database such as `postgres`). */
export async function postgresqlAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  /** The new database's URL, for the store's PostgreSQL backend. */
  url: string;
  /** Drops the database; the store must be stopped first. Safe to call more than once. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database for one run on the server at `adminUrl`, so runs side by side never
 * share tables and a run leaves nothing behind once it drops it.
 */
export async function createScratchDatabase(
  adminUrl: string,
  name: string,
): Promise<ScratchDatabase> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => {
      dropped ??= adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return dropped;
    },
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
