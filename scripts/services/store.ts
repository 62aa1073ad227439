import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import {
  type LogFn,
  type RunningService,
  killOnParentExit,
  startChildService,
} from './child-service.js';
import { getFreePort } from './free-port.js';

/**
 * The repository root, from this file's location rather than the cwd, so the scripts behave the
 * same when run from a workspace folder, a test runner or CI.
 */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const storeSource = join(repoRoot, 'services', 'store');
/** Order matters: the hash equals `cat main.go go.mod go.sum | sha256sum | cut -c1-12`. */
const hashedFiles = ['main.go', 'go.mod', 'go.sum'] as const;
const storeCache = join(repoRoot, '.cache', 'store');
const BUILD_OUTPUT_LINES = 40;
/** Counted after the build; generous for a loaded CI box or a remote PostgreSQL backend. */
const STORE_READY_TIMEOUT_MS = 60_000;
const PING_TIMEOUT_MS = 1_000;

export interface StoreOptions {
  /** Holds store.log and, for the SQLite backend, the store/ data folder. */
  dataDir: string;
  /** Use FerretDB's PostgreSQL backend at this URL instead of SQLite files in dataDir. */
  postgresqlUrl?: string;
  log?: LogFn;
  /** A fixed port (to restart it where its clients expect it); a free one otherwise. */
  port?: number;
}

/**
 * Runs the bundled MongoDB-compatible store (FerretDB) on a free 127.0.0.1 port.
 *
 * The service's url is `mongodb://127.0.0.1:PORT/`, deliberately without a database name: callers
 * append their own (`${url}confab`), so tests can give each suite its own database.
 */
export async function startStore(options: StoreOptions): Promise<RunningService> {
  const { dataDir, postgresqlUrl, log } = options;
  const binary = await ensureStoreBinary({ log });
  await mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await getFreePort());
  const args = ['-listen', `127.0.0.1:${port}`, '-log-level', 'warn'];
  if (postgresqlUrl) {
    args.push('-postgresql-url', postgresqlUrl);
  } else {
    args.push('-data', join(dataDir, 'store'));
  }
  const url = `mongodb://127.0.0.1:${port}/`;
  return startChildService({
    name: 'store',
    command: binary,
    args,
    logFile: join(dataDir, 'store.log'),
    url,
    ready: () => pingMongo(url, PING_TIMEOUT_MS),
    readyTimeoutMs: STORE_READY_TIMEOUT_MS,
    log,
  });
}

/** Builds running in this process, by binary path, so concurrent callers share one build. */
const builds = new Map<string, Promise<string>>();

/**
 * Returns the path of a store binary built from the current sources, building it if needed.
 *
 * The name carries a hash of the sources, so editing main.go or bumping FerretDB rebuilds while
 * unchanged sources start in milliseconds. Go writes to a temporary file that is then renamed
 * into place: rename is atomic, so a concurrent process (parallel test workers, CI jobs sharing
 * the cache) sees either no binary or a complete one, never a half-written one.
 */
export async function ensureStoreBinary(options: { log?: LogFn } = {}): Promise<string> {
  const binary = join(storeCache, `confab-store-${await storeSourceHash()}`);
  if (await isExecutable(binary)) return binary;
  let build = builds.get(binary);
  if (build === undefined) {
    build = buildStore(binary, options.log).finally(() => builds.delete(binary));
    builds.set(binary, build);
  }
  return build;
}

async function storeSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of hashedFiles) hash.update(await readFile(join(storeSource, file)));
  return hash.digest('hex').slice(0, 12);
}

async function buildStore(binary: string, log: LogFn | undefined): Promise<string> {
  await mkdir(storeCache, { recursive: true });
  await removeAbandonedBuilds();
  const temporary = `${binary}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const go = await findGo();
  const started = Date.now();
  log?.(`building ${binary} (the first build takes about 90 s)`);
  try {
    await runGoBuild(go, temporary);
    await rename(temporary, binary);
  } finally {
    await rm(temporary, { force: true });
  }
  log?.(`built the store in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/**
 * Deletes temporary binaries left by builds whose process is gone (an interrupted first start),
 * which would otherwise pile up at ~40 MB each. Builds of live processes are left alone.
 */
async function removeAbandonedBuilds(): Promise<void> {
  for (const name of await readdir(storeCache)) {
    const match = /^confab-store-[0-9a-f]+\.tmp-(\d+)-/.exec(name);
    if (match && !isProcessAlive(Number(match[1]))) {
      await rm(join(storeCache, name), { force: true });
    }
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `go build -o <output> .` in services/store, keeping its output for the error report. */
function runGoBuild(go: string, output: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(go, ['build', '-o', output, '.'], {
      cwd: storeSource,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // An interrupted `npm run services` must not leave a compiler running.
    killOnParentExit(child);
    let text = '';
    const collect = (chunk: Buffer): void => {
      // Only the end is reported, so keep memory bounded on a very noisy failure.
      text = (text + chunk.toString('utf8')).slice(-256 * 1024);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) => reject(new Error(`could not run ${go}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolvePromise();
        return;
      }
      const how = signal !== null ? `signal ${signal}` : `code ${String(code)}`;
      const tail = text.trimEnd().split('\n').slice(-BUILD_OUTPUT_LINES).join('\n');
      reject(
        new Error(
          `building the store failed (go build exited with ${how}) in ${storeSource}; ` +
            `last ${BUILD_OUTPUT_LINES} lines of output:\n${tail || '(no output)'}`,
        ),
      );
    });
  });
}

/** `go` from PATH, else the default install location, which non-login shells often miss. */
async function findGo(): Promise<string> {
  const candidates = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'go'));
  candidates.push('/usr/local/go/bin/go');
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  throw new Error('cannot build the store: no `go` on PATH nor at /usr/local/go/bin/go');
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves when the MongoDB server at `uri` answers `ping`; rejects otherwise.
 * `timeoutMs` bounds server selection, connecting and the command itself.
 */
export async function pingMongo(uri: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}
