import type { ErrorRequestHandler } from 'express';
import { AppError, ServiceUnavailableError, TryAgainError, type ApiError } from '@cadenza/core';
import { isConnectionError } from './connection-error';
import { dataExceptionAsUserError } from './data-exception';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message: string;
  /** For entity.too.large: the limit and the declared length, in bytes. */
  limit?: number;
  length?: number;
}

/** Maps body-parser failures (bad JSON, too large) to user errors with a clear message. */
function fromBodyParser(error: BodyParserError): { status: number; body: ApiError } | null {
  if (error.type === 'entity.parse.failed') {
    return { status: 400, body: { code: 'invalid_json', message: `request body is not valid JSON: ${error.message}` } };
  }
  if (error.type === 'entity.too.large') {
    const { limit, length } = error;
    const message = `a request body may be at most ${limit} bytes (BODY_LIMIT)${length ? `; this one is ${length} bytes` : ''}`;
    return {
      status: 413,
      body: { code: 'body_too_large', message, details: { limit: 'maxRequestBodyBytes', max: limit, actual: length } },
    };
  }
  if (error.expose && error.status && error.status < 500) {
    return { status: error.status, body: { code: 'bad_request', message: error.message } };
  }
  return null;
}

/**
 * The last middleware: user errors become 4xx JSON with what is wrong; anything else is
 * logged with request context and answered with a 500 that leaks nothing.
 */
export const errorHandler: ErrorRequestHandler = (thrown: unknown, req, res, _next) => {
  const error = dataExceptionAsUserError(thrown) ?? thrown;
  if (error instanceof AppError) {
    // Shedding sign-in load is the bounded queue working, not a fault: logging each one would let a
    // flood of sign-ins flood the log too.
    if (error.status >= 500 && !(error instanceof TryAgainError))
      console.error(`${req.method} ${req.path}: ${error.message}`);
    res.status(error.status).json({ code: error.code, message: error.message, details: error.details });
    return;
  }
  if (isConnectionError(error)) {
    // The database is down or restarting: a retryable 503, not a 500 that reads like a bug.
    const unavailable = new ServiceUnavailableError('PostgreSQL', 'the database cannot be reached; retry shortly');
    console.error(`${req.method} ${req.path}: ${unavailable.message} (${(error as Error).message})`);
    res.setHeader('Retry-After', '5');
    res
      .status(unavailable.status)
      .json({ code: unavailable.code, message: unavailable.message, details: unavailable.details });
    return;
  }
  const parsed = fromBodyParser(error as BodyParserError);
  if (parsed) {
    res.status(parsed.status).json(parsed.body);
    return;
  }
  console.error(`${req.method} ${req.path} failed:`, error);
  res.status(500).json({ code: 'internal_error', message: 'internal error; the server logged the details' });
};
