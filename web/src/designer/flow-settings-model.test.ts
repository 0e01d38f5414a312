import { describe, expect, it } from 'vitest';
import { ReplyTriageSettingsSchema } from '@cadenza/core';
import { defaultSendingWindow, settingsForEditing, settingsIssues, timezones } from './flow-settings-model';

describe('flow settings model', () => {
  it('fills every default so the editor shows what the engine does with {}', () => {
    expect(settingsForEditing({})).toEqual({
      unenrollOn: { reply: true, goalMet: true, unsubscribe: true, bounce: true, enteredFlow: [] },
      reenrollment: { policy: 'never' },
      // Its values are pinned by core's reply-act.test.ts; here: the editor shows them all.
      replyTriage: ReplyTriageSettingsSchema.parse({}),
    });
    expect(settingsForEditing(undefined).reenrollment).toEqual({ policy: 'never' });
  });

  it('keeps a stored value that does not parse, with defaults under it', () => {
    const raw = {
      sendingWindow: { ...defaultSendingWindow('Europe/Paris'), start: '18:00' },
      unenrollOn: { reply: false },
    };
    const editing = settingsForEditing(raw);
    expect(editing.sendingWindow?.start).toBe('18:00');
    expect(editing.unenrollOn).toMatchObject({ reply: false, bounce: true });
    expect(settingsIssues(editing)).toEqual({ 'sendingWindow.end': 'must close after it opens' });
  });

  it('names a reply triage duration that is not a positive amount', () => {
    const issues = settingsIssues({ replyTriage: { notNow: { reenrollAfter: { amount: 0, unit: 'days' } } } });
    expect(Object.keys(issues)).toEqual(['replyTriage.notNow.reenrollAfter.amount']);
  });

  it('names bad timezones and empty days by their path', () => {
    const issues = settingsIssues({ sendingWindow: { ...defaultSendingWindow('Mars/Olympus'), days: [] } });
    expect(Object.keys(issues).sort()).toEqual(['sendingWindow.days', 'sendingWindow.timezone']);
    expect(settingsIssues({ sendingWindow: defaultSendingWindow('America/New_York') })).toEqual({});
  });

  it('lists the IANA timezones', () => {
    expect(timezones()).toContain('Europe/Paris');
  });
});
