import { checkDraft, type DraftFacts, type DraftReview, type DraftVerdict } from '@cadenza/core';
import { composeDraft, templateOpening } from './draft-composition';

export interface GatedDraft<U> {
  draft: { subject: string; body: string };
  review: DraftReview;
  /** What each model attempt cost, in order. */
  usage: U[];
  /** The model's attempts with their verdicts, for the bench and the trace. */
  tries: Array<{ draft: { subject: string; body: string } | null; verdict: DraftVerdict | null }>;
}

/** One model attempt: a draft (or null when the model wrote nothing usable) and what it cost. */
export type DraftAttempt<U> = (
  framing: number,
) => Promise<{ draft: { subject: string; body: string } | null; usage: U }>;

/**
 * Asks the model for a draft up to `attempts` times (each with another framing and seed), keeps the
 * first that passes the gate, and otherwise falls back to the template built from the record alone.
 */
export async function gatedDraft<U>(facts: DraftFacts, attempt: DraftAttempt<U>, attempts = 2): Promise<GatedDraft<U>> {
  const usage: U[] = [];
  const tries: GatedDraft<U>['tries'] = [];
  for (let framing = 0; framing < attempts; framing++) {
    const written = await attempt(framing);
    usage.push(written.usage);
    const verdict = written.draft ? checkDraft(written.draft, facts) : null;
    tries.push({ draft: written.draft, verdict });
    if (written.draft && verdict?.pass)
      return { draft: written.draft, review: { origin: 'model', verdict, modelAttempts: framing + 1 }, usage, tries };
  }
  const draft = composeDraft(facts, templateOpening(facts));
  const verdict = checkDraft(draft, facts);
  return { draft, review: { origin: 'template', verdict, modelAttempts: attempts }, usage, tries };
}
