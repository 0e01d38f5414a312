import { ZodError } from 'zod';
import { AppError, type LiveAck } from '@cadenza/core';

/** A failed client message as the ack (or live_error) body: the API's {code, message, details}. */
export function toLiveFailure(error: unknown): Extract<LiveAck, { ok: false }> {
  if (error instanceof AppError && error.status < 500) {
    return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || 'message';
    return {
      ok: false,
      error: { code: 'validation_failed', message: `${field}: ${issue?.message ?? 'invalid'}`, details: { field } },
    };
  }
  return { ok: false, error: { code: 'internal_error', message: 'the live gateway could not handle the message' } };
}

/** A handshake refusal: Socket.IO hands `message` and `data` to the client's connect_error. */
export function handshakeError(error: unknown): Error & { data: unknown } {
  const failure = toLiveFailure(error);
  return Object.assign(new Error(failure.error.message), { data: failure.error });
}
