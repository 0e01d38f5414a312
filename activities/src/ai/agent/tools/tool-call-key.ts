/**
 * The idempotency key of one tool call: the step's key (run, node, visit) and the call's index
 * among the step's calls. The index is fixed once the call is checkpointed, so a retried
 * activity or a new worker calls the same tool under the same key and finds it done.
 */
export const toolCallKey = (stepKey: string, index: number): string => `${stepKey}:tool:${index}`;
