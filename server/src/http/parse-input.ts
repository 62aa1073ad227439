import type { z } from 'zod';

import { fromZodError } from '../errors.js';

/** Validates a request part against its schema, or throws `invalid_input` with details. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}
