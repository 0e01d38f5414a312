import {
  DefaultFailureConverter,
  type PayloadConverter,
  type ProtoFailure,
  type SerializationContext,
} from '@temporalio/common';

/** PayloadKeyErasedError's name (core): matched by name, since the sandbox has its own copy of every class. */
const ERASED_ERROR = 'PayloadKeyErasedError';

const isErased = (err: unknown): boolean =>
  err instanceof Error && (err.name === ERASED_ERROR || (err.cause !== undefined && isErased(err.cause)));

/**
 * Moves every failure's message and stack trace into an encoded payload, which the codec encrypts,
 * since an error can quote the data it choked on (an SMTP refusal names the address). Only
 * "Encoded failure" stays readable, with one exception: "payload erased" (a key id and a date,
 * nothing personal) stays in the clear, so a replay or query of an erased run says why it fails.
 */
class CadenzaFailureConverter extends DefaultFailureConverter {
  private readonly plain = new DefaultFailureConverter();

  override errorToFailure(
    err: unknown,
    payloadConverter: PayloadConverter,
    context?: SerializationContext,
  ): ProtoFailure {
    return isErased(err)
      ? this.plain.errorToFailure(err, payloadConverter, context)
      : super.errorToFailure(err, payloadConverter, context);
  }
}

/** Loaded by path (clients, and the worker's workflow sandbox). */
export const failureConverter = new CadenzaFailureConverter({ encodeCommonAttributes: true });
