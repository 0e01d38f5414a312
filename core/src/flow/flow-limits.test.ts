import { LIMITS, LimitExceededError } from '../limits';
import { assertFlowWithinLimits } from './flow-limits';

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}` }));

describe('assertFlowWithinLimits', () => {
  it('accepts a flow at the limits, and anything malformed (validation explains that)', () => {
    expect(() =>
      assertFlowWithinLimits({ nodes: many(LIMITS.maxFlowNodes), edges: many(LIMITS.maxFlowEdges) }),
    ).not.toThrow();
    expect(() => assertFlowWithinLimits(null)).not.toThrow();
    expect(() => assertFlowWithinLimits({ nodes: 'x' })).not.toThrow();
  });

  it('refuses one node or edge too many, naming the limit and the count', () => {
    const nodes = () => assertFlowWithinLimits({ nodes: many(5000), edges: [] });
    expect(nodes).toThrow(LimitExceededError);
    expect(nodes).toThrow(`a flow may have at most ${LIMITS.maxFlowNodes} nodes (this one has 5000)`);
    try {
      assertFlowWithinLimits({ nodes: [], edges: many(LIMITS.maxFlowEdges + 1) });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'limit_exceeded',
        status: 413,
        details: { limit: 'maxFlowEdges', max: LIMITS.maxFlowEdges, actual: LIMITS.maxFlowEdges + 1 },
      });
      return;
    }
    throw new Error('expected a LimitExceededError');
  });
});
