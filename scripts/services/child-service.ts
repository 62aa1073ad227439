import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Receives one line of progress; the services library itself never prints. */
export type LogFn = (line: string) => void;

/** How a service's process ended. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() asked for this exit; false means the child died on its own. */
  stopped: boolean;
  /** Set when the process could not be spawned at all (for example, command not found). */
  error?: Error;
  /** The last LOG_TAIL_LINES lines of the log file once the process had ended. */
  logTail: string;
}

/** A dev service running as a child of this process. */
export interface RunningService {
  name: string;
  /** Where clients connect, e.g. mongodb://127.0.0.1:PORT/ or redis://127.0.0.1:PORT. */
  url: string;
  pid: number;
  /** The file that receives the child's stdout and stderr. */
  logFile: string;
  /** SIGTERM, up to STOP_GRACE_MS of grace, then SIGKILL. Safe to call any number of times. */
  stop(): Promise<void>;
  /** Resolves (never rejects) when the process has ended, whether stopped or crashed. */
  exited: Promise<ServiceExit>;
}

export interface ChildServiceOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  /** Truncated at start, so its tail describes this run only. */
  logFile: string;
  url: string;
  /** One readiness probe: resolves when the service answers, rejects while it does not yet. */
  ready: () => Promise<unknown>;
  /** How long the service may take to become ready before it is stopped and we give up. */
  readyTimeoutMs: number;
  log?: LogFn;
}

/** How many log lines an error or exit report carries: enough to show a startup failure. */
export const LOG_TAIL_LINES = 30;
const STOP_GRACE_MS = 5_000;
const READY_POLL_MS = 200;
/** Only the end of a log matters for a report, so a huge log is not read whole. */
const LOG_TAIL_BYTES = 64 * 1024;

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * SIGKILLs `child` if this process exits while the child still runs.
 *
 * Children are not detached, but on Linux they do not die with their parent, so without this a
 * crashed test run or an early process.exit() would leave stores and redis-servers behind. The
 * 'exit' event only allows synchronous work, hence SIGKILL rather than a graceful stop. It does
 * not fire when the parent itself dies from an unhandled signal; callers that want to survive
 * SIGINT/SIGTERM install handlers that stop their services (the CLI does).
 */
export function killOnParentExit(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const live of liveChildren) live.kill('SIGKILL');
    });
  }
  liveChildren.add(child);
  const forget = (): void => {
    liveChildren.delete(child);
  };
  child.once('exit', forget);
  child.once('error', () => {
    if (child.pid === undefined) forget();
  });
}

/**
 * Starts `command` with its output in `logFile` and resolves once `ready()` succeeds.
 *
 * Rejects, after making sure the child is gone, when the child exits before it is ready or is not
 * ready by the deadline; the error message carries the tail of the log, since that is where the
 * reason (port taken, bad flag, corrupt data folder) is written.
 */
export async function startChildService(options: ChildServiceOptions): Promise<RunningService> {
  const { name, url, logFile, log } = options;
  // O_APPEND because some services (redis-server --logfile) also open this file themselves;
  // appending keeps their lines and our captured stdout/stderr from overwriting each other.
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND;
  const fd = openSync(logFile, flags);
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, {
      cwd: options.cwd,
      detached: false,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd);
  }
  killOnParentExit(child);

  let stopRequested = false;
  let hasExited = false;
  const exited = new Promise<ServiceExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      if (hasExited) return;
      hasExited = true;
      // Captured now: a stop() that comes after a crash must not relabel the crash as stopped.
      const stopped = stopRequested;
      void readLogTail(logFile).then((logTail) =>
        resolve({ code, signal, stopped, logTail, ...(error ? { error } : {}) }),
      );
    };
    child.once('exit', (code, signal) => finish(code, signal));
    child.on('error', (error) => {
      // Only a failed spawn ends the service; a failed kill() on a live child does not.
      if (child.pid === undefined) finish(null, null, error);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopRequested = true;
      if (hasExited) return;
      child.kill('SIGTERM');
      if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
        log?.(`${name} did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; sending SIGKILL`);
        child.kill('SIGKILL');
      }
      await exited;
    })();
    return stopping;
  };

  const service: RunningService = {
    name,
    url,
    pid: child.pid ?? -1,
    logFile,
    stop,
    exited,
  };
  log?.(`${name}: started pid ${child.pid ?? '?'}, log in ${logFile}`);
  await waitUntilReady(service, options);
  log?.(`${name}: ready at ${url}`);
  return service;
}

/** Polls `options.ready` until it succeeds, the child exits or the deadline passes. */
async function waitUntilReady(
  service: RunningService,
  options: ChildServiceOptions,
): Promise<void> {
  const deadline = Date.now() + options.readyTimeoutMs;
  // Races each probe too, so a probe that hangs cannot carry us past the deadline.
  const deadlinePassed = delay(options.readyTimeoutMs).then(() => 'not-ready' as const);
  let lastError: unknown;
  for (;;) {
    const outcome = await Promise.race([
      options.ready().then(
        () => 'ready' as const,
        (error: unknown) => {
          lastError = error;
          return 'not-ready' as const;
        },
      ),
      service.exited,
      deadlinePassed,
    ]);
    if (outcome === 'ready') return;
    if (typeof outcome === 'object') {
      throw new Error(describeExit(service, outcome, 'before it was ready'));
    }
    if (Date.now() >= deadline) {
      await service.stop();
      const seconds = Math.round(options.readyTimeoutMs / 1000);
      const tail = await readLogTail(service.logFile);
      throw new Error(
        `${service.name} was not ready within ${seconds} s (last check: ${errorText(lastError)})` +
          `; last ${LOG_TAIL_LINES} lines of ${service.logFile}:\n${tail}`,
      );
    }
    await Promise.race([delay(READY_POLL_MS), service.exited]);
  }
}

/**
 * Formats an exit for a human: what ended, how, and the log tail that usually says why.
 * `when` is a phrase such as 'unexpectedly' or 'before it was ready'.
 */
export function describeExit(
  service: Pick<RunningService, 'name' | 'logFile'>,
  exit: ServiceExit,
  when = 'unexpectedly',
): string {
  if (exit.error) {
    return `${service.name} could not be started: ${exit.error.message}`;
  }
  const how = exit.signal !== null ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
  return (
    `${service.name} exited ${when} (${how}); last ${LOG_TAIL_LINES} lines of ` +
    `${service.logFile}:\n${exit.logTail}`
  );
}

/** Returns the last `lines` lines of `file`, or a note saying why there are none. */
export async function readLogTail(file: string, lines = LOG_TAIL_LINES): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, LOG_TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const text = buffer.toString('utf8').replace(/\s+$/, '');
      if (text === '') return '(log is empty)';
      return text.split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `(log unreadable: ${errorText(error)})`;
  }
}

/** True when `promise` settles within `ms`; the timer is cleared so it never holds the loop. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An unref'd sleep: waiting for a service must not, by itself, keep the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function errorText(error: unknown): string {
  if (error === undefined) return 'none';
  return error instanceof Error ? error.message : String(error);
}
