/** Node socket errors that mean a backing service (PostgreSQL) cannot be reached right now. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs of a server going away: class 08 (connection) and 57P01-57P03 (shutdown, starting up). */
const PG_UNAVAILABLE = /^(08\d{3}|57P0[1-3])$/;

/** pg's own messages for a pool that cannot get or keep a connection; they carry no code. */
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down)/i,
];

interface MaybeError {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * True when an error means the database is unreachable, not that the request or our code
 * is wrong: the API answers those with a 503 the client may retry, not a 500.
 * TypeORM wraps the driver's error (driverError); AggregateError lists one per address.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, errors } = error as MaybeError;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
  if (typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(driverError, depth + 1) || isConnectionError(cause, depth + 1);
}
