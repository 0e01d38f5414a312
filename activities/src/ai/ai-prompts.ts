import { createHash } from 'node:crypto';

/**
 * Built-in prompts. Each carries a version derived from its text, recorded on every step result,
 * so a change of wording shows up in the run history. (Tenant-editable prompts are not built yet.)
 */
export const promptVersionOf = (...parts: Array<string | undefined>) =>
  createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 12);

export const CLASSIFY_REPLY_SYSTEM = [
  'You sort replies to sales emails. Answer with JSON {"label": ...} using exactly one label:',
  'interested (wants to talk or learn more), not_now (maybe later), not_interested (declines),',
  'unsubscribe (asks to stop emails), out_of_office (automatic away message), wrong_person (not the right contact).',
].join(' ');

export const classifyReplyPrompt = (replyText: string) => `Reply:\n"""\n${replyText.slice(0, 4000)}\n"""\nLabel:`;

export const SCORE_LEAD_SYSTEM =
  'You rate sales leads. Answer with JSON {"score": integer 0-100, "explanation": one short sentence} judging how well the lead matches the criteria.';

export const scoreLeadPrompt = (criteria: string, contact: Record<string, unknown>) =>
  `Criteria:\n${criteria}\n\nLead:\n${JSON.stringify(contact, null, 1).slice(0, 4000)}`;
