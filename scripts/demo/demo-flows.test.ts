import { ContactSchema, validateFlowDefinition } from '@cadenza/core';
import { AI_DRAFT_MAX_TOKENS, aiChainFlowDefinition, outreachFlowDefinition } from './demo-flows';

const knownFields = Object.keys(ContactSchema.shape).filter((field) => field !== 'customFields');

describe('demo flows', () => {
  it('the outreach sequence is valid: four emails, reply branches to a tag and an exit, business hours', () => {
    const result = validateFlowDefinition(outreachFlowDefinition(), { knownFields });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { definition } = result;
    const emails = definition.nodes.filter((node) => node.type === 'send_email');
    expect(emails).toHaveLength(4);
    // Follow-ups answer in the thread; the first email and the case study start one.
    expect(emails.map((node) => [node.id, node.settings.threadWithPrevious])).toEqual([
      ['intro_email', false],
      ['follow_up_1', true],
      ['case_study', false],
      ['break_up', true],
    ]);
    expect(definition.edges.filter((edge) => edge.to === 'tag_replied' && !edge.handle)).toHaveLength(3);
    expect(definition.settings.sendingWindow).toMatchObject({
      timezone: 'America/New_York',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
    });
  });

  it('the AI chain is valid: an agent step that waits for approval, then a reply branch; nothing else sends', () => {
    const result = validateFlowDefinition(aiChainFlowDefinition(), { knownFields });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { definition } = result;
    const agent = definition.nodes.find((node) => node.id === 'agent');
    expect(agent).toMatchObject({
      type: 'ai_agent',
      settings: {
        requireApproval: true,
        draftMaxTokens: AI_DRAFT_MAX_TOKENS,
        approvalTimeout: { unit: 'days' },
        tools: ['crm_lookup', 'knowledge_search'],
      },
    });
    expect(definition.nodes.filter((node) => node.type === 'send_email')).toHaveLength(0);
    const handles = definition.edges.filter((edge) => edge.from === 'agent').map((edge) => edge.handle ?? 'next');
    expect(handles.sort()).toEqual(['next', 'rejected', 'timeout']);
    expect(definition.edges).toContainEqual(expect.objectContaining({ from: 'agent', to: 'wait_reply' }));
  });
});
