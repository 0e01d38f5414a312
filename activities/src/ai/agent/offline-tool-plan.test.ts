import { knowledgeQueryOf, offlineToolPlan, type PlanFacts } from './offline-tool-plan';

const facts: PlanFacts = {
  instructions: 'Invite Grace to a demo of\n our CRM',
  name: 'Grace Hopper',
  title: 'CTO',
  company: 'Navy Labs',
};

describe('the offline tool plan', () => {
  it('looks up, searches with a query from the instructions and the record, then creates the task', () => {
    const plan = offlineToolPlan(['create_task', 'knowledge_search', 'crm_lookup'], facts);
    expect(plan).toEqual([
      { tool: 'crm_lookup', input: {} },
      { tool: 'knowledge_search', input: { query: 'Invite Grace to a demo of our CRM (CTO at Navy Labs)', limit: 5 } },
      {
        tool: 'create_task',
        input: { title: 'Follow up with Grace Hopper (Navy Labs)', notes: facts.instructions },
        decide: 'task_priority',
      },
    ]);
  });

  it('plans only offered tools, and never the ones that need a choice the base model cannot make', () => {
    expect(offlineToolPlan(['knowledge_search'], facts).map((call) => call.tool)).toEqual(['knowledge_search']);
    expect(offlineToolPlan(['update_field', 'enroll_in_flow'], facts)).toEqual([]);
    expect(offlineToolPlan([], facts)).toEqual([]);
  });

  it('bounds the query and leaves out what the record lacks', () => {
    expect(knowledgeQueryOf({ ...facts, title: null, company: null })).toBe('Invite Grace to a demo of our CRM');
    expect(knowledgeQueryOf({ ...facts, instructions: 'x'.repeat(400) }).length).toBe(300);
  });
});
