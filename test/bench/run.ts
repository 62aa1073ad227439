// `npm run bench`: the load benchmarks. Starts the store and Redis (or uses MONGODB_URI /
// REDIS_URL), api and worker processes as production runs them, and real Socket.IO clients in
// load-generator processes; writes artifacts/bench/results.json and summary.md with charts.
// Quick by default (a few minutes); BENCH_FULL=1 for the full sizes (20,000 connections, a
// million stored messages). BENCH_ONLY=latency,groups runs some scenarios only;
// BENCH_PROFILE=1 writes a CPU profile of the api under test to artifacts/bench/profile.
// Like the tests, the bundled store keeps its data in the local PostgreSQL server when one
// answers on 127.0.0.1:5432 (it filters on indexes there), in SQLite otherwise or with
// BENCH_STORE=sqlite.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { connectStore, createLogger, disconnectStore } from '@confab/server';

import { startServices } from '../../scripts/services/index.ts';
import {
  LOCAL_POSTGRESQL_URL,
  createScratchDatabase,
  postgresqlAnswers,
} from '../../scripts/services/postgresql.ts';
import type { Bench } from './lib/bench.js';
import { describeMachine } from './lib/machine.js';
import { writeSummary } from './lib/summary.js';
import type { Results } from './lib/summary.js';
import { benchTenant, startApiProcess } from './lib/stack.js';
import { bigGroupScenario } from './scenarios/big-group.js';
import { connectionsScenario } from './scenarios/connections.js';
import { jobsScenario } from './scenarios/jobs.js';
import { latencyScenario } from './scenarios/latency.js';
import { storeScenario } from './scenarios/store.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const outDir = path.join(repo, 'artifacts', 'bench');

/** Every limit off: the load comes from a handful of addresses and users on purpose. */
const NO_LIMITS = {
  RATE_SENDS_PER_10S: '0',
  RATE_REACTIONS_PER_10S: '0',
  RATE_TYPING_PER_10S: '0',
  RATE_CONNECTS_PER_MIN: '0',
  RATE_CONNECTS_PER_ADDRESS_PER_MIN: '0',
  RATE_TENANT_REQUESTS_PER_S: '0',
  RATE_TOKENS_PER_ADDRESS_PER_MIN: '0',
};

async function openFileLimit(): Promise<number> {
  const { stdout } = await run('sh', ['-c', 'ulimit -n']);
  const limit = Number(stdout.trim());
  return Number.isFinite(limit) ? limit : 20_000;
}

/** The SDK catch-up benchmark, in a process of its own as it always ran; its lines as said. */
async function catchUpLines(): Promise<string[]> {
  const script = fileURLToPath(new URL('./sdk-catch-up.ts', import.meta.url));
  const done = await run(process.execPath, ['--import', 'tsx', script], {
    cwd: path.join(repo, 'test'),
    maxBuffer: 1 << 20,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return done.stdout.trim().split('\n').filter(Boolean);
}

async function main(): Promise<void> {
  const full = process.env.BENCH_FULL === '1';
  const profile = process.env.BENCH_PROFILE === '1';
  const log = (line: string) => console.log(`[bench] ${line}`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'confab-bench-'));
  const runId = `bench_${randomBytes(3).toString('hex')}`;
  const external = Boolean(process.env.MONGODB_URI);
  const usePg =
    !external &&
    process.env.BENCH_STORE !== 'sqlite' &&
    (await postgresqlAnswers(LOCAL_POSTGRESQL_URL));
  const scratch = usePg ? await createScratchDatabase(LOCAL_POSTGRESQL_URL, runId) : undefined;
  const env = scratch ? { ...process.env, STORE_POSTGRESQL_URL: scratch.url } : process.env;
  const services = await startServices({ dataDir, env });
  const mongodbUri = `${services.mongodbUri.replace(/\/?$/, '/')}${runId}`;
  const masterKey = randomBytes(32);
  const apiEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    MONGODB_URI: mongodbUri,
    REDIS_URL: services.redisUrl,
    MASTER_KEY: masterKey.toString('hex'),
    REDIS_PREFIX: `${runId}:`,
    ...NO_LIMITS,
  };
  const startedAt = new Date();
  log(`${full ? 'full' : 'quick'} mode; store ${usePg ? 'PostgreSQL' : 'SQLite'} backend`);

  await connectStore(mongodbUri, createLogger('silent'));
  const profileDir = path.join(outDir, 'profile');
  if (profile) await mkdir(profileDir, { recursive: true });
  const api = await startApiProcess(
    apiEnv,
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const tenant = await benchTenant(api.url, masterKey, 'Bench');
    const made = new Map<string, number>();
    process.once('SIGINT', () => {
      void api
        .stop()
        .then(() => services.stop())
        .then(() => process.exit(130));
    });
    const bench: Bench = {
      full,
      env: apiEnv,
      masterKey,
      mongodbUri,
      api,
      tenant,
      log,
      async users(prefix, n) {
        const have = made.get(prefix) ?? 0;
        const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
        if (n > have) await tenant.addUsers(ids.slice(have));
        made.set(prefix, Math.max(have, n));
        return ids;
      },
    };

    const machine = await describeMachine(services.redisUrl, mongodbUri);
    const backend = external ? 'external MongoDB' : usePg ? 'PostgreSQL' : 'SQLite';
    const only = process.env.BENCH_ONLY?.split(',');
    const wanted = (name: string) => !only || only.includes(name);
    const results: Results = {
      mode: full ? 'full' : 'quick',
      startedAt: startedAt.toISOString(),
      seconds: 0,
      machine,
      store: { backend },
      connections: null,
      latency: null,
      groups: null,
      storage: null,
      jobs: null,
      catchUp: [],
    };
    // Written after every scenario, so a run stopped midway still leaves what it measured.
    const save = async () => {
      results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
      await mkdir(outDir, { recursive: true });
      await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
      await writeSummary(outDir, results);
    };
    // In this order: jobs queued by the other scenarios would slow the jobs scenario's worker.
    if (wanted('connections')) {
      results.connections = await connectionsScenario(bench, await openFileLimit());
      await save();
    }
    if (wanted('jobs')) {
      results.jobs = await jobsScenario(bench);
      await save();
    }
    if (wanted('latency')) {
      results.latency = await latencyScenario(bench);
      await save();
    }
    if (wanted('groups')) {
      results.groups = await bigGroupScenario(bench);
      await save();
    }
    if (wanted('storage')) {
      results.storage = await storeScenario(bench);
      await save();
    }
    if (wanted('catch-up')) results.catchUp = await catchUpLines();
    await save();
    log(`results in ${path.relative(repo, outDir)}/results.json and summary.md`);
  } finally {
    await api.stop();
    await disconnectStore();
    await services.stop();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
