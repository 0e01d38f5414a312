import { REPLY_TRIAGE_DEFAULTS, replyTriageSettingsOrDefaults } from './reply-triage-defaults';
import { ReplyTriageSettingsSchema } from './reply-triage-settings';

describe('reply triage defaults without zod', () => {
  it('are what the schema fills in for a flow that says nothing', () => {
    expect(REPLY_TRIAGE_DEFAULTS).toEqual(ReplyTriageSettingsSchema.parse({}));
    expect(replyTriageSettingsOrDefaults(undefined)).toEqual(ReplyTriageSettingsSchema.parse({}));
  });

  it('keep the defaults of the fields a definition leaves out, section by section, as the schema does', () => {
    for (const stored of [
      { outOfOffice: { pause: false } },
      { enabled: false },
      { interested: { moveDealToStage: '6f1c2f3e-2b1a-4c8e-9d3f-0a1b2c3d4e5f' }, reviewTask: false },
      { notNow: { reenrollAfter: { amount: 30, unit: 'days' } } },
    ])
      expect(replyTriageSettingsOrDefaults(stored)).toEqual(ReplyTriageSettingsSchema.parse(stored));
  });
});
