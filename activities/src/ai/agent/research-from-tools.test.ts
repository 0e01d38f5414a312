import type { AgentToolCallTrace } from '@cadenza/core';
import { researchFromTools } from './research-from-tools';

const call = (tool: AgentToolCallTrace['tool'], output: unknown, error?: string): AgentToolCallTrace => ({
  index: 0,
  tool,
  input: {},
  ...(error ? { error } : { output }),
  durationMs: 1,
  chosenBy: 'plan',
});

describe('researchFromTools', () => {
  const lookup = call('crm_lookup', {
    contact: {
      firstName: 'Grace',
      lastName: 'Hopper',
      title: 'CTO',
      company: 'Navy Labs',
      lifecycleStage: 'sales_qualified_lead',
    },
    company: { name: 'Navy Labs', industry: 'Defence' },
    openDeals: [{ name: 'Pilot', stage: 'Proposal' }],
    recentActivity: [{ summary: 'Opened "Demo?"' }, { summary: 'Replied to "Demo?"' }],
  });
  const search = call('knowledge_search', {
    hits: [
      { title: 'Pricing', text: 'Teams plan:\n  $49 per seat' },
      { title: 'Empty', text: '  ' },
    ],
  });

  it('writes lines from the lookup and the best passages, not the raw record', () => {
    expect(researchFromTools([lookup, search], null)).toBe(
      [
        'Grace Hopper, CTO, at Navy Labs.',
        'Industry: Defence.',
        'Lifecycle stage: sales qualified lead.',
        'Open deals: Pilot (Proposal).',
        'Recent activity: Opened "Demo?"; Replied to "Demo?".',
        'From "Pricing": Teams plan: $49 per seat',
      ].join('\n'),
    );
  });

  it("prefers a tool-calling model's own notes, and says nothing when the tools found nothing", () => {
    expect(researchFromTools([lookup], '  Grace runs IT at Navy Labs. ')).toBe('Grace runs IT at Navy Labs.');
    expect(researchFromTools([call('crm_lookup', undefined, 'database refused')], null)).toBeNull();
    expect(researchFromTools([call('create_task', { taskId: 't' })], null)).toBeNull();
    expect(researchFromTools([], null)).toBeNull();
  });
});
