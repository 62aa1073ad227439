/**
 * `npm run services`: runs MongoDB (the bundled store) and Redis for local development until
 * Ctrl-C, and prints the URLs to use.
 *
 * The URLs go to stdout as KEY=value lines, so `npm run -s services > .env` style use works;
 * progress and errors go to stderr. Data and logs live in <repo>/.confab/services.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DevServices, describeExit, repoRoot, startServices } from './index.js';

const dataDir = join(repoRoot, '.confab', 'services');
const log = (line: string): void => console.error(`[services] ${line}`);
const LAUNCHER_CHECK_MS = 1_000;
/** npm, its `sh -c` and tsx: the wrappers between a user's command and this process. */
const LAUNCHER_LEVELS = 3;

let services: DevServices | undefined;
let shuttingDown = false;

/**
 * Asks us to end: stops the services cleanly once they run; while they are still starting
 * (perhaps mid-build), or on a second request, exits at once and lets the exit hook in
 * child-service SIGKILL every child, so nothing is left running either way.
 */
function terminate(reason: string, startingExitCode: number): void {
  if (services === undefined || shuttingDown) {
    log(`${reason}, exiting`);
    process.exit(startingExitCode);
  }
  log(`${reason}, stopping`);
  void shutdown(0);
}

/** Stops what we started, then exits; the first call wins. */
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await services?.stop();
  } catch (error) {
    log(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
    code = code || 1;
  }
  process.exit(code);
}

/** The parent pid of `pid` from /proc (Linux), or undefined where that is not available. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid ...": the command may contain spaces, so parse after the ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` once our launcher is gone: any of the LAUNCHER_LEVELS processes above us exits.
 *
 * `npm run services` and `npx tsx` run us as npm -> sh -c -> tsx -> node. A `kill -TERM` aimed at
 * npm (as CI and `kill $!` do) kills npm or the sh, and neither passes the signal on, so tsx and
 * this process would live on as orphans with the services. Watching those three levels catches
 * that; the shell above them is not watched, so `nohup npm run services &` still outlives it.
 * The interval also keeps the process alive when MONGODB_URI and REDIS_URL leave no child.
 */
function watchLauncher(onGone: () => void): void {
  const parent = process.ppid;
  const chain: { pid: number; parent: number }[] = [];
  let pid = parent;
  while (chain.length < LAUNCHER_LEVELS && pid > 1) {
    const above = parentOf(pid);
    if (above === undefined) break;
    chain.push({ pid, parent: above });
    pid = above;
  }
  const timer = setInterval(() => {
    // A dead process has no /proc entry; a reused pid would have a different parent.
    const broken = chain.some((link) => parentOf(link.pid) !== link.parent);
    if (process.ppid !== parent || broken) {
      clearInterval(timer);
      onGone();
    }
  }, LAUNCHER_CHECK_MS);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => terminate(`${signal} received`, signal === 'SIGINT' ? 130 : 143));
}
watchLauncher(() => terminate('the command that started us has exited', 143));

try {
  services = await startServices({ dataDir, log });
} catch (error) {
  log(`could not start the services:\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(`MONGODB_URI=${services.mongodbUri}`);
console.log(`REDIS_URL=${services.redisUrl}`);
log(`ready (data and logs in ${dataDir}); press Ctrl-C to stop`);

for (const service of services.services) {
  void service.exited.then((exit) => {
    if (exit.stopped || shuttingDown) return;
    log(describeExit(service, exit));
    void shutdown(1);
  });
}
