import { z } from 'zod';

/**
 * Field schemas shared by every request. Text fields refuse NUL characters and lone
 * surrogates: stores and JSON encoders differ on them, so accepting them would mean
 * returning something other than what was sent.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Counts code points, not UTF-16 units, so an emoji counts as one character. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** A text field of at most `max` code points (and `min`, default 0). */
export function safeText(max: number, min = 0) {
  return z
    .string()
    .max(max * 2, { abort: true })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, []);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
      }
      const length = codePointLength(value);
      if (length > max) {
        ctx.addIssue({
          code: 'too_big',
          maximum: max,
          origin: 'string',
          inclusive: true,
          message: `longer than ${max} characters`,
        });
      }
      if (length < min) {
        ctx.addIssue({
          code: 'too_small',
          minimum: min,
          origin: 'string',
          inclusive: true,
          message: `shorter than ${min} characters`,
        });
      }
    });
}

/** Control characters are exactly what ids must not hold. */
// eslint-disable-next-line no-control-regex
const PRINTABLE_ID = /^[^\s\u0000-\u001f\u007f]([^\u0000-\u001f\u007f]*[^\s\u0000-\u001f\u007f])?$/;

/** A tenant's own id for one of its users: printable, no spaces at the ends. */
export const userId = z
  .string()
  .min(1)
  .max(128)
  .regex(PRINTABLE_ID, 'must be printable with no spaces at either end');

/** Conversation ids are opaque 24-character hex strings. */
export const conversationId = z.string().regex(/^[0-9a-f]{24}$/, 'must be a conversation id');

/** A client-chosen id that makes a send idempotent. */
export const clientId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

export const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const pageLimit = z.number().int().min(1).max(100).default(50);

export const displayName = safeText(100, 1);

/** Web addresses only: a `javascript:` or `data:` URL in an avatar is script waiting to run. */
export const url = z
  .string()
  .max(2048)
  .url({ protocol: /^https?$/, message: 'must be an http or https URL' });

const CUSTOM_DATA_MAX_BYTES = 8 * 1024;
const CUSTOM_DATA_MAX_DEPTH = 6;

/**
 * Free-form data a tenant attaches to users: plain JSON of at most 8 KB. Keys may not
 * contain `.` or start with `$`, and arrays may not hold arrays, because stores disagree on
 * both; strings follow the same rules as every text field.
 */
export const customData = z.record(z.string(), z.json()).superRefine((value, ctx) => {
  const problem = findCustomDataProblem(value, [], 0);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      path: problem.path,
      message: problem.message,
      params: { code: problem.code },
    });
    return;
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > CUSTOM_DATA_MAX_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: 'larger than 8 KB as JSON',
      params: { code: 'too_big' },
    });
  }
});

interface DataProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

function findCustomDataProblem(
  value: unknown,
  path: (string | number)[],
  depth: number,
  insideArray = false,
): DataProblem | null {
  if (depth > CUSTOM_DATA_MAX_DEPTH) {
    return {
      path,
      code: 'too_deep',
      message: `nested deeper than ${CUSTOM_DATA_MAX_DEPTH} levels`,
    };
  }
  if (typeof value === 'string') {
    return textProblem(value, path);
  }
  if (Array.isArray(value)) {
    if (insideArray) return { path, code: 'nested_array', message: 'arrays may not hold arrays' };
    for (const [index, item] of value.entries()) {
      const problem = findCustomDataProblem(item, [...path, index], depth + 1, true);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.length === 0 || key.includes('.') || key.startsWith('$')) {
        return {
          path: [...path, key],
          code: 'bad_key',
          message: 'keys may not be empty, contain "." or start with "$"',
        };
      }
      const keyProblem = textProblem(key, [...path, key]);
      if (keyProblem) return keyProblem;
      const problem = findCustomDataProblem(item, [...path, key], depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function textProblem(value: string, path: (string | number)[]): DataProblem | null {
  if (value.includes('\u0000'))
    return { path, code: 'nul_character', message: 'contains a NUL character' };
  if (LONE_SURROGATE.test(value))
    return { path, code: 'lone_surrogate', message: 'contains a lone surrogate' };
  return null;
}

/** `like`, or one emoji (a joined sequence such as a family or a flag counts as one). */
export const reaction = z
  .string()
  .min(1)
  .max(32)
  .refine(
    (value) =>
      value === 'like' || /^(\p{Extended_Pictographic}|\p{Regional_Indicator})/u.test(value),
    'must be "like" or an emoji',
  )
  .refine((value) => value === 'like' || !/[\s.$\p{L}\p{N}]/u.test(value), 'must be one emoji');

export const userIdList = (max: number) => z.array(userId).min(1).max(max);

/** Disappearing messages: seconds a message lives (a minute to a year), or null for ever. */
export const disappearAfter = z
  .number()
  .int()
  .min(60)
  .max(365 * 24 * 60 * 60)
  .nullable();
