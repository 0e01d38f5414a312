/**
 * How long an API request waits for a short workflow the worker answers (reply triage, embedding
 * a search query): a person is waiting, so no answer within it is an outage (503), not a queue.
 * Well under the 10 s the fuzz drill allows a response, and ample for the embedding (milliseconds).
 */
export const WORKER_ANSWER_TIMEOUT = '8 seconds';
