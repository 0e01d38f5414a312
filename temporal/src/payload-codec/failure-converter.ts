import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (clients, and the worker's workflow sandbox): moves every failure's message and
 * stack trace into an encoded payload, which the codec encrypts, since an error can quote the data
 * it choked on (an SMTP refusal names the address). Only "Encoded failure" stays readable.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
