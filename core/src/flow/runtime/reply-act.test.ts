import { ReplyTriageSettingsSchema } from '../reply-triage-settings';
import { outOfOfficeResumeAt, planReplyAct } from './reply-act';

const defaults = ReplyTriageSettingsSchema.parse({});
const receivedAt = new Date('2026-12-18T15:00:00Z'); // a Friday
const read = (
  intent: Parameters<typeof planReplyAct>[0]['intent'],
  extra: Partial<Parameters<typeof planReplyAct>[0]> = {},
) => ({
  intent,
  confidence: 0.95,
  needsReview: false,
  ...extra,
});

describe('reply triage settings defaults', () => {
  it('do what sales tools do: pause, suppress, refer, snooze 90 days, task on interest, review when unsure', () => {
    expect(defaults).toEqual({
      enabled: true,
      outOfOffice: { pause: true, pauseWhenNoDate: { amount: 7, unit: 'days' } },
      unsubscribe: { everywhere: true },
      wrongPerson: { createReferral: true },
      notNow: { snooze: true, reenrollAfter: { amount: 90, unit: 'days' } },
      interested: { createTask: true },
      reviewTask: true,
    });
  });

  it('refuse a deal stage that is not an id, naming the field', () => {
    const parsed = ReplyTriageSettingsSchema.safeParse({ interested: { moveDealToStage: 'Won' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['interested', 'moveDealToStage']);
  });
});

describe('outOfOfficeResumeAt', () => {
  it('is one business day after the return date, 09:00 in the zone', () => {
    // Back Monday 4 January 2027: resume Tuesday the 5th.
    expect(outOfOfficeResumeAt('2027-01-04', receivedAt, { amount: 7, unit: 'days' }).toISOString()).toBe(
      '2027-01-05T09:00:00.000Z',
    );
    expect(
      outOfOfficeResumeAt('2027-01-04', receivedAt, { amount: 7, unit: 'days' }, 'Europe/Paris').toISOString(),
    ).toBe('2027-01-05T08:00:00.000Z');
  });

  it('skips the weekend: back on a Friday resumes on Monday', () => {
    expect(outOfOfficeResumeAt('2027-01-08', receivedAt, { amount: 7, unit: 'days' }).toISOString()).toBe(
      '2027-01-11T09:00:00.000Z',
    );
  });

  it('without a date pauses for the fallback; a date already past does not pause', () => {
    expect(outOfOfficeResumeAt(undefined, receivedAt, { amount: 7, unit: 'days' }).toISOString()).toBe(
      '2026-12-25T15:00:00.000Z',
    );
    expect(outOfOfficeResumeAt('2026-12-01', receivedAt, { amount: 7, unit: 'days' })).toEqual(receivedAt);
  });
});

describe('planReplyAct', () => {
  it('pauses on out of office, and the event no longer counts as a reply', () => {
    expect(
      planReplyAct(read('out_of_office', { returnDate: '2027-01-04' }), 'auto_reply', defaults, receivedAt),
    ).toEqual({
      act: { act: 'pause', until: '2027-01-05T09:00:00.000Z' },
      countsAsReply: false,
    });
  });

  it("asks for a review rather than pause on a person's reply that is only maybe out of office", () => {
    const maybe = read('out_of_office', { confidence: 0.62, returnDate: '2026-12-22' });
    expect(planReplyAct(maybe, 'reply', defaults, receivedAt)).toEqual({ act: { act: 'review' }, countsAsReply: true });
    // An automatic reply is out of office by its headers already: the reading need not be as sure.
    expect(planReplyAct(maybe, 'auto_reply', defaults, receivedAt).act.act).toBe('pause');
  });

  it('unsubscribes everywhere and refers, for replies and automatic replies alike', () => {
    for (const kind of ['reply', 'auto_reply'] as const) {
      expect(planReplyAct(read('unsubscribe'), kind, defaults, receivedAt).act).toEqual({ act: 'unsubscribe' });
      const referral = { name: 'Dana', email: 'dana@acme.test' };
      expect(planReplyAct(read('wrong_person', { referral }), kind, defaults, receivedAt).act).toEqual({
        act: 'refer',
        referral,
      });
    }
  });

  it('snoozes "not now" for the configured time', () => {
    const settings = ReplyTriageSettingsSchema.parse({ notNow: { reenrollAfter: { amount: 30, unit: 'days' } } });
    expect(planReplyAct(read('not_now'), 'reply', settings, receivedAt)).toEqual({
      act: { act: 'snooze', until: '2027-01-17T15:00:00.000Z' },
      countsAsReply: false,
    });
  });

  it('makes a task on interest and still counts the reply (the leave-on-reply rule applies)', () => {
    const stage = '5f0c6d2e-8d7a-4a57-9a43-0d3c1b1f9f10';
    const settings = ReplyTriageSettingsSchema.parse({ interested: { moveDealToStage: stage } });
    expect(planReplyAct(read('interested'), 'reply', settings, receivedAt)).toEqual({
      act: { act: 'interested', createTask: true, moveDealToStage: stage },
      countsAsReply: true,
    });
  });

  it('acts on nothing when unsure but asks a person; an automatic reply asks nobody', () => {
    expect(planReplyAct(read('unsubscribe', { needsReview: true }), 'reply', defaults, receivedAt)).toEqual({
      act: { act: 'review' },
      countsAsReply: true,
    });
    expect(planReplyAct(read('unsubscribe', { needsReview: true }), 'auto_reply', defaults, receivedAt)).toEqual({
      act: { act: 'none' },
      countsAsReply: false,
    });
  });

  it("keeps today's rules for not interested, bounce and other, and when triage is off", () => {
    for (const intent of ['not_interested', 'bounce', 'other'] as const)
      expect(planReplyAct(read(intent), 'reply', defaults, receivedAt)).toEqual({
        act: { act: 'none' },
        countsAsReply: true,
      });
    const off = ReplyTriageSettingsSchema.parse({ enabled: false });
    expect(planReplyAct(read('out_of_office'), 'reply', off, receivedAt)).toEqual({
      act: { act: 'none' },
      countsAsReply: true,
    });
  });

  it('an automatic reply saying "interested" or "not now" is not the contact answering', () => {
    expect(planReplyAct(read('interested'), 'auto_reply', defaults, receivedAt).act).toEqual({ act: 'none' });
    expect(planReplyAct(read('not_now'), 'auto_reply', defaults, receivedAt).countsAsReply).toBe(false);
  });
});
