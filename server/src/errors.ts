import { errorCatalogue } from '@confab/sdk/protocol';
import type { ErrorBody, ErrorCode, ErrorDetail } from '@confab/sdk/protocol';
import { ZodError } from 'zod';

/**
 * An expected refusal or failure with a stable code. Handlers throw these; the REST and
 * realtime layers turn them into the one error shape. Only `internal` ones are logged as
 * crashes.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.retryable = errorCatalogue[code].retryable;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.details) body.details = this.details;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export const forbidden = (message: string) => new AppError('forbidden', message);

/** Turns a zod failure into `invalid_input`, one detail per problem. */
export function fromZodError(error: ZodError): AppError {
  const details = error.issues.map((issue) => {
    const custom = 'params' in issue ? (issue.params as { code?: string } | undefined) : undefined;
    return {
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      code: custom?.code ?? issue.code,
      message: issue.message,
    };
  });
  const first = details[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new AppError('invalid_input', `Invalid input: ${where}${first?.message ?? 'rejected'}`, {
    details,
  });
}

/** Any thrown value as an AppError; unknown ones become `internal` and keep their cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return fromZodError(error);
  return new AppError('internal', 'Something went wrong on our side; try again', { cause: error });
}
