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

/**
 * Reply triage by a vendor chat model: the same eight intents and labelling rules as the offline
 * classifier's set (services/src/ai/reply-triage/replies/README.md), in a paragraph.
 */
export const TRIAGE_REPLY_SYSTEM = [
  'You sort replies to sales emails. Answer with JSON {"intent": ..., "confidence": number 0-1} using exactly one intent:',
  'interested (wants a call, demo, pricing or more information; a product question counts),',
  'not_now (open but later: a time, a budget or priority reason),',
  'not_interested (declines without asking to stop emails),',
  'unsubscribe (asks to stop emails, be removed or have data deleted; wins over not_interested),',
  'out_of_office (an away message: holiday, leave, travel, with or without a return date),',
  'wrong_person (not the right contact, left the company or changed role; wins over unsubscribe when naming who is),',
  'bounce (a delivery failure written by a mail system),',
  'other (thanks, acknowledgements, unrelated questions, anything that asks nothing of the sequence).',
  'confidence is your probability that the intent is right.',
].join(' ');

/** The reply as the classifier reads it: its subject, then the body without quote and signature (capped). */
export const triageReplyPrompt = (subject: string, body: string) =>
  `Subject: ${subject.slice(0, 300)}\nReply:\n"""\n${body.slice(0, 4000)}\n"""\nIntent:`;

export const SCORE_LEAD_SYSTEM =
  'You rate sales leads. Answer with JSON {"score": integer 0-100, "explanation": one short sentence} judging how well the lead matches the criteria.';

export const scoreLeadPrompt = (criteria: string, contact: Record<string, unknown>) =>
  `Criteria:\n${criteria}\n\nLead:\n${JSON.stringify(contact, null, 1).slice(0, 4000)}`;
