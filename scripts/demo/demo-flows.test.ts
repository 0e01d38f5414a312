import { ContactSchema, validateFlowDefinition } from '@cadenza/core';
import { aiChainFlowDefinition, outreachFlowDefinition } from './demo-flows';

const knownFields = Object.keys(ContactSchema.shape).filter((field) => field !== 'customFields');

describe('demo flows', () => {
  it('the outreach sequence is valid: four emails, reply branches to a tag and an exit, business hours', () => {
    const result = validateFlowDefinition(outreachFlowDefinition(), { knownFields });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { definition } = result;
    expect(definition.nodes.filter((node) => node.type === 'send_email')).toHaveLength(4);
    expect(definition.edges.filter((edge) => edge.to === 'tag_replied' && !edge.handle)).toHaveLength(3);
    expect(definition.settings.sendingWindow).toMatchObject({
      timezone: 'America/New_York',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
    });
  });

  it('the AI chain is valid: a draft by the model, then a wait for a custom "approved" event with a timeout', () => {
    const result = validateFlowDefinition(aiChainFlowDefinition(), { knownFields });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const wait = result.definition.nodes.find((node) => node.id === 'await_approval');
    expect(wait).toMatchObject({ settings: { event: { kind: 'custom', name: 'approved' } } });
    expect(result.definition.nodes[0]?.type).toBe('llm_generate');
  });
});
