import { actSummary, readingSummary, referralName } from './reply-reading-summary';

const triage = {
  intent: 'out_of_office' as const,
  confidence: 0.934,
  needsReview: false,
  returnDate: '2027-01-04',
  model: 'test',
};

describe('reply reading summaries', () => {
  it('say what the reply was read as, how sure, and the return date', () => {
    expect(readingSummary(triage, 'auto_reply')).toBe('Automatic reply read as out of office (93%), back 2027-01-04');
    expect(
      readingSummary({ ...triage, intent: 'wrong_person', returnDate: undefined, referral: { name: 'Dana' } }, 'reply'),
    ).toBe('Reply read as wrong person (93%), refers to Dana');
    expect(
      readingSummary(
        { ...triage, intent: 'other', returnDate: undefined, needsReview: true, confidence: 0.4 },
        'reply',
      ),
    ).toBe('Reply read as other (40%), unsure: a person reviews it');
  });

  it('name a referral by whatever the reply gave', () => {
    expect(referralName({ name: 'Dana Lee', email: 'dana@acme.test' })).toBe('Dana Lee <dana@acme.test>');
    expect(referralName({ email: 'dana@acme.test' })).toBe('dana@acme.test');
    expect(referralName({})).toBe('someone else');
  });

  it('say what each act did, and nothing for no act', () => {
    expect(actSummary({ act: 'pause', until: '2027-01-05T09:00:00.000Z' })).toBe(
      'Sequence paused until 2027-01-05 (out of office)',
    );
    expect(actSummary({ act: 'snooze', until: '2027-03-18T15:00:00.000Z' })).toContain('snoozed until 2027-03-18');
    expect(actSummary({ act: 'none' })).toBeNull();
  });
});
