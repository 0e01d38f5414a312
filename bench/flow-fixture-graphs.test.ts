import { FlowDefinitionSchema, validateFlowDefinition } from '@cadenza/core';
import { benchFlow } from './flow-fixture-graphs';

describe('benchmark flow graphs', () => {
  it.each([10, 200])('builds a valid %i-node flow the engine accepts', (count) => {
    const definition = benchFlow(count);
    expect(1 + definition.nodes.length).toBe(count);
    expect(validateFlowDefinition(FlowDefinitionSchema.parse(definition))).toMatchObject({ ok: true });
    expect(definition.nodes.filter((node) => node.type === 'branch').length).toBeGreaterThan(0);
  });
});
