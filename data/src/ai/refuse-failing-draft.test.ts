import { UserError, type DraftFacts, type DraftReview } from '@cadenza/core';
import { refuseFailingDraft } from './refuse-failing-draft';

const facts: DraftFacts = {
  firstName: 'Grace',
  lastName: 'Lovelace',
  company: 'Analytical Engines',
  title: 'CTO',
  senderName: 'Sam Sales',
  known: [],
};
const failing: DraftReview = {
  origin: 'model',
  modelAttempts: 2,
  verdict: {
    pass: false,
    failures: [{ code: 'subject_job_title', message: 'The subject "CTO" is only a job title.' }],
  },
};
const passing: DraftReview = { origin: 'template', modelAttempts: 2, verdict: { pass: true, failures: [] } };
const goodEdit = {
  subject: 'A quick demo, Grace?',
  body: 'Hi Grace,\n\nWould a 20 minute demo of Analytical Engines outreach next week suit you?',
};

const refusal = (run: () => void): UserError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('refuseFailingDraft', () => {
  it('refuses a failing draft approved unchanged, naming the failed checks', () => {
    const error = refusal(() =>
      refuseFailingDraft({ id: 'a1', draft_review: failing, draft_facts: facts }, { action: 'approve' }),
    );
    expect(error).toMatchObject({ code: 'draft_failed_checks', status: 422 });
    expect(error.message).toContain('is only a job title');
    expect(error.details).toEqual({ failures: failing.verdict.failures });
  });

  it('lets a passing draft, a draft from before the gate, a rejection and a good edit through', () => {
    expect(() =>
      refuseFailingDraft({ id: 'a1', draft_review: passing, draft_facts: facts }, { action: 'approve' }),
    ).not.toThrow();
    expect(() =>
      refuseFailingDraft({ id: 'a1', draft_review: null, draft_facts: null }, { action: 'approve' }),
    ).not.toThrow();
    expect(() =>
      refuseFailingDraft({ id: 'a1', draft_review: failing, draft_facts: facts }, { action: 'reject' }),
    ).not.toThrow();
    expect(() =>
      refuseFailingDraft({ id: 'a1', draft_review: failing, draft_facts: facts }, { action: 'edit', draft: goodEdit }),
    ).not.toThrow();
  });

  it('checks an edit again with the same facts', () => {
    const edit = { ...goodEdit, body: 'Hi Ada,\n\nWould a 20 minute demo next week suit you?' };
    const error = refusal(() =>
      refuseFailingDraft({ id: 'a1', draft_review: passing, draft_facts: facts }, { action: 'edit', draft: edit }),
    );
    expect((error.details as { failures: Array<{ code: string }> }).failures.map((f) => f.code)).toEqual([
      'wrong_greeting',
      'invented_name',
    ]);
  });
});
