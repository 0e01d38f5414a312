import { LEXICAL_FEATURE_NAMES, featureVector, lexicalFeatures } from './reply-features';

const named = (body: string, subject = '') =>
  Object.fromEntries(LEXICAL_FEATURE_NAMES.map((name, i) => [name, lexicalFeatures(body, subject)[i]]));

describe('lexical features', () => {
  it('reads the subject an auto-reply or a bounce carries, and SMTP status codes', () => {
    expect(named('I am away', 'Automatic reply: Quick question')).toMatchObject({ subject_away: 1, subject_bounce: 0 });
    expect(named('550 5.1.1 User unknown', 'Undeliverable: hi')).toMatchObject({ subject_bounce: 1, smtp_status: 1 });
    expect(named('Sure, call me', 'Re: intro')).toMatchObject({ subject_is_reply: 1, smtp_status: 0, cue_interest: 1 });
  });

  it('flags cue words per intent in four languages', () => {
    expect(named('Bitte nehmen Sie mich aus Ihrem Verteiler.')).toMatchObject({ cue_unsubscribe: 1 });
    expect(named('No gracias, no estamos interesados.')).toMatchObject({ cue_decline: 1 });
    expect(named('Pas pour le moment, recontactez-moi au prochain trimestre.')).toMatchObject({ cue_later: 1 });
    expect(named('I left the company, contact jane@x.com instead')).toMatchObject({
      cue_wrong_person: 1,
      email_address: 1,
    });
  });

  it('puts the embedding first and the lexical features after it', () => {
    const vector = featureVector(new Float32Array([0.5, -0.5]), 'no', '');
    expect(vector).toHaveLength(2 + LEXICAL_FEATURE_NAMES.length);
    expect(vector.slice(0, 2)).toEqual([0.5, -0.5]);
    expect(vector.at(-1)).toBeCloseTo(Math.log(2));
  });
});
