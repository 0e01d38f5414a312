import { ApplicationFailure } from '@temporalio/activity';

/**
 * The activity of a node kind whose provider is not built yet. It fails the step with a
 * clear, non-retryable error instead of pretending the effect happened.
 */
export function nodeNotAvailable(nodeType: string, builtBy: string): never {
  throw ApplicationFailure.nonRetryable(
    `${nodeType} is not available yet: it needs ${builtBy}, which this installation does not have`,
    'NodeNotAvailable',
  );
}
