import { LIMITS, LimitExceededError } from '../limits';

const lengthOf = (definition: unknown, key: 'nodes' | 'edges'): number => {
  const list = definition !== null && typeof definition === 'object' ? (definition as Record<string, unknown>)[key] : 0;
  return Array.isArray(list) ? list.length : 0;
};

/**
 * Refuses a definition with more steps or edges than LIMITS allows, before any validation
 * work, with a LimitExceededError naming the limit. Validation is linear, but a flow of
 * thousands of nodes is not one anybody draws, and each costs parsing, storage and replay.
 * A malformed definition passes here; validateFlowDefinition explains what is wrong with it.
 */
export function assertFlowWithinLimits(definition: unknown): void {
  const nodes = lengthOf(definition, 'nodes');
  if (nodes > LIMITS.maxFlowNodes) {
    throw new LimitExceededError(
      'maxFlowNodes',
      `a flow may have at most ${LIMITS.maxFlowNodes} nodes (this one has ${nodes})`,
      nodes,
    );
  }
  const edges = lengthOf(definition, 'edges');
  if (edges > LIMITS.maxFlowEdges) {
    throw new LimitExceededError(
      'maxFlowEdges',
      `a flow may have at most ${LIMITS.maxFlowEdges} edges (this one has ${edges})`,
      edges,
    );
  }
}
