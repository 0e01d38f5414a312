import { notesAreUsable, type DraftFacts } from '@cadenza/core';

/**
 * Template-constrained drafting for a small base model: the record fills the greeting, subject,
 * call to action and sign-off, and the model writes only the one opening sentence, by continuing a
 * document of example openings that already carry this record's facts (few-shot completion, not chat).
 */

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ').slice(0, 120) : null;

/** The facts of a contact snapshot's fields a draft may use. */
export function draftFactsOf(
  fields: Record<string, unknown>,
  instructions: string,
  senderName: string | null,
): DraftFacts {
  const custom = (fields.custom ?? {}) as Record<string, unknown>;
  const others = Object.values(custom).flatMap((value) => (text(value) ? [text(value)!] : []));
  return {
    firstName: text(fields.firstName),
    lastName: text(fields.lastName),
    company: text(fields.companyName),
    title: text(fields.title),
    senderName: text(senderName),
    known: [instructions, ...others],
  };
}

const companyOf = (facts: DraftFacts) => facts.company ?? 'your team';
const roleOf = (facts: DraftFacts) => (facts.title ? `as ${facts.title}` : 'in your role');

/** Example openings with this record's facts filled in; a different set per framing, so a retry reads differently. */
const EXAMPLES: Array<(facts: DraftFacts) => string> = [
  (f) =>
    `Since you asked about automating outreach, I thought of how ${companyOf(f)} could spend less time on manual follow-ups.`,
  (f) => `Teams like yours at ${companyOf(f)} often lose hours every week writing the same follow-up emails by hand.`,
  (f) => `I know that ${roleOf(f)} you care about replies more than about the number of emails sent.`,
  (f) =>
    `When we spoke with people at companies like ${companyOf(f)}, most of them wanted follow-ups that run on their own.`,
  (f) =>
    `I wanted to share how a few small changes to your follow-ups could bring ${companyOf(f)} more replies each month.`,
];

/** Every example opening for this record: the bench counts how often the model only copies one. */
export const exampleOpenings = (facts: DraftFacts): string[] => EXAMPLES.map((example) => example(facts));

const recipientLine = (facts: DraftFacts) =>
  [
    [facts.firstName, facts.lastName].filter(Boolean).join(' ') || 'the reader',
    facts.title,
    facts.company && `at ${facts.company}`,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * The document the model continues: a file of opening lines by recipient, ending with an open
 * "Opening:" for this recipient. Framing 0 and 1 use different examples, so the retry is a new try.
 */
export function openingDocument(facts: DraftFacts, reason: string, framing: number): string {
  const picked = framing % 2 === 0 ? [0, 1, 2] : [3, 4, 1];
  const recipient = recipientLine(facts);
  const entries = picked.map((index) => `Recipient: ${recipient}\nOpening: ${EXAMPLES[index]!(facts)}`);
  return [
    'Opening lines of sales emails that got replies. Each is one friendly sentence about the recipient and their company.',
    '',
    ...entries.flatMap((entry) => [entry, '']),
    `Recipient: ${recipient}`,
    `Reason: ${reason.replace(/\s+/g, ' ').slice(0, 200)}`,
    'Opening:',
  ].join('\n');
}

/** Stop the model at the end of its line: one sentence is all the template asks for. */
export const OPENING_STOP = ['\n', 'Recipient:', 'Opening:'];

/** The model's continuation cut to its first complete sentence; null when it wrote no sentence. */
export function openingOf(raw: string): string | null {
  const line = raw
    .split('\n')[0]!
    .trim()
    .replace(/^["'“]+|["'”]+$/g, '');
  const sentence = /^(.{20,240}?[.!?])(\s|$)/.exec(line)?.[1];
  return sentence ?? null;
}

/** The fallback opening: built from the record alone, always true to it. */
export const templateOpening = (facts: DraftFacts): string =>
  facts.company
    ? `I am reaching out because teams at ${facts.company} often spend hours every week on follow-ups that could run on their own.`
    : 'I am reaching out because teams like yours often spend hours every week on follow-ups that could run on their own.';

/** The fixed frame around the opening sentence. */
export function composeDraft(facts: DraftFacts, opening: string): { subject: string; body: string } {
  const subject = facts.company
    ? `${facts.firstName ? `${facts.firstName}, a` : 'A'} quick idea for ${facts.company}`
    : `${facts.firstName ? `${facts.firstName}, a` : 'A'} quick idea for your follow-ups`;
  const body = [
    facts.firstName ? `Hi ${facts.firstName},` : 'Hello,',
    '',
    opening,
    '',
    'Would you be open to a short call this week to see whether this could help?',
    '',
    facts.senderName ? `Best,\n${facts.senderName}` : 'Best regards',
  ].join('\n');
  return { subject, body };
}

/**
 * The research notes the chain keeps: the model's when they read as notes, otherwise what the record
 * says (a base model often plays its prompt back), so neither the score nor the reviewer reads an echo.
 */
export function researchOrFacts(notes: string, facts: DraftFacts): { text: string; fromModel: boolean } {
  if (notesAreUsable(notes)) return { text: notes, fromModel: true };
  const who = [facts.firstName, facts.lastName].filter(Boolean).join(' ') || 'The contact';
  const role = [facts.title, facts.company && `at ${facts.company}`].filter(Boolean).join(' ');
  return {
    text: `${who}${role ? `, ${role}` : ''}. (From the CRM record: the model's notes did not read as notes.)`,
    fromModel: false,
  };
}
