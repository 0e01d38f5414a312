import { rowToContact } from './row-to-contact';

const mapping = {
  Email: 'email',
  'First Name': 'firstName',
  'Lifecycle Stage': 'lifecycleStage',
  'Lead Status': 'leadStatus',
  Tags: 'tags',
  Score: 'score',
  Ignored: null,
} as const;

describe('rowToContact', () => {
  it('converts HubSpot labels and lists, skipping blank cells', () => {
    expect(
      rowToContact(
        {
          Email: 'ada@example.com',
          'First Name': ' Ada ',
          'Lifecycle Stage': 'Marketing Qualified Lead',
          'Lead Status': 'Open - Not Contacted',
          Tags: 'vip; beta',
          Score: '42',
          Ignored: 'x',
        },
        mapping,
      ),
    ).toEqual({
      ok: true,
      contact: {
        email: 'ada@example.com',
        firstName: 'Ada',
        lifecycleStage: 'marketing_qualified_lead',
        leadStatus: 'open',
        tags: ['vip', 'beta'],
        score: 42,
      },
    });
  });

  it('names each bad field', () => {
    const result = rowToContact({ Email: 'not-an-email', 'Lifecycle Stage': 'Prospect', Score: '500' }, mapping);
    expect(result.ok).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason).toMatch(/^email: /);
    expect(reason).toMatch(/lifecycleStage: /);
    expect(reason).toMatch(/score: /);
  });

  it('requires an email, since re-imports match on it', () => {
    expect(rowToContact({ 'First Name': 'Bob', Email: '  ' }, mapping)).toEqual({
      ok: false,
      reason: 'email: is required',
    });
  });
});
