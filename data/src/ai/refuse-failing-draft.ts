import {
  UserError,
  checkDraft,
  describeVerdict,
  type AgentDecision,
  type AgentDraft,
  type DraftFacts,
  type DraftReview,
} from '@cadenza/core';

/**
 * The gate on a person's decision: a draft that failed the quality checks is not sent as it is, and an
 * edit is checked again against the same record facts. Drafts from before the gate carry no review and pass.
 */
export function refuseFailingDraft(
  row: { id: string; draft_review: DraftReview | null; draft_facts: DraftFacts | null },
  decision: Pick<AgentDecision, 'action'> & { draft?: AgentDraft },
): void {
  if (decision.action === 'approve' && row.draft_review && !row.draft_review.verdict.pass)
    throw new UserError(
      'draft_failed_checks',
      `draft ${row.id} failed the quality checks and cannot be sent unchanged: edit it first. ${describeVerdict(row.draft_review.verdict)}`,
      { failures: row.draft_review.verdict.failures },
      422,
    );
  if (decision.action === 'edit' && decision.draft && row.draft_facts) {
    const verdict = checkDraft(decision.draft, row.draft_facts);
    if (!verdict.pass)
      throw new UserError(
        'draft_failed_checks',
        `the edited draft still fails the quality checks: ${describeVerdict(verdict)}`,
        { failures: verdict.failures },
        422,
      );
  }
}
