import { ApplicationFailure } from '@temporalio/common';

/**
 * A connection the egress guard would not open. An ApplicationFailure that is never retried:
 * the same address is refused on every attempt, so an activity fails at once naming the rule.
 * The API turns it into a 4xx where a user gave the target.
 */
export class EgressRefusedError extends ApplicationFailure {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message, 'EgressRefused', true);
  }
}

/** The refusal behind an error, when there is one (undici wraps connector errors as `cause`). */
export function egressRefusalIn(error: unknown): EgressRefusedError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof EgressRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
