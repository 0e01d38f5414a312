import { extractFeatures, featureNamesFor, type LeadRecord } from './lead-features';

const NOW = Date.parse('2026-01-31T00:00:00Z');
const lead = (over: Partial<LeadRecord> = {}): LeadRecord => ({
  title: null,
  email: null,
  phone: null,
  hasCompany: false,
  lifecycleStage: null,
  leadStatus: null,
  tags: [],
  createdAt: new Date('2026-01-30T00:00:00Z'),
  emailsSent: 0,
  opens: 0,
  clicks: 0,
  replies: 0,
  ...over,
});
const byName = (record: LeadRecord, outcome: 'deal_won' | 'replied' = 'deal_won') => {
  const names = featureNamesFor(outcome);
  const values = extractFeatures(record, outcome, NOW);
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
};

describe('lead features', () => {
  it('turns fields into flags, log-scaled counts and one-hot categories', () => {
    const f = byName(
      lead({
        title: 'VP Sales',
        email: 'ann@acme.io',
        phone: '+1',
        hasCompany: true,
        lifecycleStage: 'lead',
        leadStatus: 'connected',
        tags: ['a', 'b', 'c'],
        emailsSent: 3,
        opens: 2,
        clicks: 1,
        replies: 1,
      }),
    );
    expect(f).toMatchObject({ has_title: 1, senior_title: 1, has_phone: 1, has_company: 1, business_email: 1 });
    expect(f.tags).toBeCloseTo(Math.log(4));
    expect(f.age_days).toBeCloseTo(Math.log(2));
    expect(f.opens).toBeCloseTo(Math.log(3));
    expect(f.replies).toBeCloseTo(Math.log(2));
    expect(f.stage_lead).toBe(1);
    expect(f.stage_subscriber).toBe(0);
    expect(f.status_connected).toBe(1);
  });

  it('reads a free-mail address and a junior title as such', () => {
    const f = byName(lead({ title: 'Intern', email: 'bob@gmail.com' }));
    expect(f).toMatchObject({ has_title: 1, senior_title: 0, business_email: 0, has_phone: 0 });
  });

  it('keeps the label out of the features: no replies for a reply model, no won stages for a deal model', () => {
    expect(featureNamesFor('replied')).not.toContain('replies');
    expect(featureNamesFor('replied')).toContain('stage_customer');
    expect(featureNamesFor('deal_won')).toContain('replies');
    expect(featureNamesFor('deal_won')).not.toContain('stage_customer');
    expect(featureNamesFor('deal_won')).not.toContain('status_open_deal');
    expect(extractFeatures(lead(), 'replied', NOW)).toHaveLength(featureNamesFor('replied').length);
  });
});
