import type { ErrorRequestHandler, RequestHandler } from 'express';

import { AppError, toAppError } from '../errors.js';

/** Express's body parser marks its own failures with a `type`; map them to our codes. */
function fromBodyParser(error: unknown): AppError | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new AppError('payload_too_large', 'The request body is too large');
  }
  if (type === 'entity.parse.failed') {
    return new AppError('invalid_input', 'The request body is not valid JSON');
  }
  if (typeof type === 'string' && type.startsWith('encoding.')) {
    return new AppError('invalid_input', 'The request body encoding is not supported');
  }
  return null;
}

/** The one error shape for every REST answer: `{ error: { code, message, details? } }`. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = fromBodyParser(error) ?? toAppError(error);
  if (appError.code === 'internal') req.log.error({ err: error }, 'request failed');
  if (appError.retryAfter !== undefined) res.setHeader('Retry-After', String(appError.retryAfter));
  res.status(appError.status).json({ error: appError.toBody() });
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};
