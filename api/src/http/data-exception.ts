import { UserError } from '@cadenza/core';

/**
 * PostgreSQL SQLSTATE class 22 ("data exception": a value out of range, a malformed uuid, a
 * NUL byte, an impossible time zone offset) can only come from a value the caller sent that
 * slipped past its schema. It is the caller's mistake, so a 400 naming the value's problem,
 * never a 500. Schemas should catch these first; this is the net under them.
 */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

export function dataExceptionAsUserError(error: unknown): UserError | null {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.code ?? candidate?.driverError?.code;
  if (typeof code !== 'string' || !DATA_EXCEPTION.test(code)) return null;
  const reason = typeof candidate?.message === 'string' ? candidate.message : 'a value is out of range or malformed';
  return new UserError('invalid_value', `a value in the request cannot be stored: ${reason}`, { sqlState: code });
}
