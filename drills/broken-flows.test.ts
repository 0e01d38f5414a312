import { validateFlowDefinition } from '@cadenza/core';
import { MUTATION_NAMES, generateBrokenFlows, validBase } from './broken-flows';

describe('generateBrokenFlows', () => {
  it('starts from a definition the validator accepts', () => {
    const result = validateFlowDefinition(validBase(), { knownFields: ['lifecycleStage'] });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is reproducible from its seed', () => {
    expect(generateBrokenFlows(5, 50)).toEqual(generateBrokenFlows(5, 50));
    expect(generateBrokenFlows(5, 50)).not.toEqual(generateBrokenFlows(6, 50));
  });

  it('produces definitions the validator rejects, naming the broken node', () => {
    const flows = generateBrokenFlows(11, 400);
    expect(new Set(flows.flatMap((f) => f.mutations)).size).toBeGreaterThanOrEqual(MUTATION_NAMES.length);
    for (const flow of flows) {
      const result = validateFlowDefinition(flow.definition, { knownFields: ['lifecycleStage'] });
      expect({ mutations: flow.mutations, ok: result.ok }).toEqual({ mutations: flow.mutations, ok: false });
      if (result.ok) continue;
      const named = new Set(result.errors.map((e) => e.nodeId));
      for (const node of flow.blamedNodes)
        expect({ mutations: flow.mutations, named: named.has(node) }).toEqual({
          mutations: flow.mutations,
          named: true,
        });
    }
  });
});
