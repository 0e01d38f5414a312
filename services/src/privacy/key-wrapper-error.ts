/**
 * A data key could not be wrapped or opened. The message names the KEK and what failed (an HTTP
 * status and the service's own message, a KEK mismatch, a failed authentication) and never holds
 * key material or tokens. `retryable` says whether trying again may succeed (KMS unreachable or
 * overloaded, a token expired) or not (wrong KEK, tampered bytes, permission denied), so the codec
 * can tell an outage, which Temporal rides out by retrying the task, from damage.
 */
export class KeyWrapperError extends Error {
  constructor(
    message: string,
    readonly kekId: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'KeyWrapperError';
  }
}
