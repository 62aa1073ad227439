import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
const REDACT = [
  'token',
  'secret',
  'password',
  '*.token',
  '*.secret',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'auth.token',
  'handshake.auth.token',
];

/** The one JSON logger of a process; everything else logs through its children. */
export function createLogger(level: string, name = 'confab'): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { pid: process.pid },
  });
}
