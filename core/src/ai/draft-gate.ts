import { z } from 'zod';

/**
 * The quality gate every generated email draft goes through before a person can send it unchanged.
 * Pure and deterministic: the same draft and record always get the same verdict, so the worker that
 * writes the draft, the API that refuses to send a failing one and the bench all agree.
 */

export const DRAFT_CHECK_CODES = [
  'prompt_echo',
  'repetition',
  'subject_length',
  'body_length',
  'placeholder',
  'wrong_greeting',
  'invented_name',
  'subject_job_title',
  'not_personal',
] as const;
export const DraftCheckCodeSchema = z.enum(DRAFT_CHECK_CODES);
export type DraftCheckCode = z.infer<typeof DraftCheckCodeSchema>;

export const DraftVerdictSchema = z.object({
  pass: z.boolean(),
  failures: z
    .array(z.object({ code: DraftCheckCodeSchema, message: z.string() }))
    .describe('each failed check: a machine code and a sentence for the reviewer'),
});
export type DraftVerdict = z.infer<typeof DraftVerdictSchema>;

/** Where the draft's text came from: the model (gated) or the CRM-record template it fell back to. */
export const DraftOriginSchema = z.enum(['model', 'template', 'human']);
export type DraftOrigin = z.infer<typeof DraftOriginSchema>;

/** The facts a draft may name: the record's people and company, and any other text of the record. */
export const DraftFactsSchema = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  senderName: z.string().nullable(),
  /** Other words the draft may use capitalised (the step's instructions, the record's other values). */
  known: z.array(z.string()).default([]),
});
export type DraftFacts = z.infer<typeof DraftFactsSchema>;

/** The gate's result as stored with the draft. */
export const DraftReviewSchema = z.object({
  origin: DraftOriginSchema,
  verdict: DraftVerdictSchema,
  /** How many model drafts were tried before this one (0 for a person's edit). */
  modelAttempts: z.number().int().min(0),
});
export type DraftReview = z.infer<typeof DraftReviewSchema>;

export const DRAFT_LIMITS = {
  subject: { min: 6, max: 80 },
  body: { min: 40, max: 1200 },
  /** Share of word trigrams that repeat an earlier one. */
  maxRepeatedTrigrams: 0.15,
} as const;

/** Text a prompt carries that an email never does: the model is reading its instructions back. */
const ECHO_PATTERNS: RegExp[] = [
  /\byou are an? (sales|helpful|assistant|researcher|ai|expert|email)/i,
  /\b(contact|recipient|research|goal|notes|fit score|recent activity|instructions?|opening|to)\s*:\s*[[{"]/i,
  /^\s*(contact|recipient|research|goal|fit score|recent activity|email|subject|system|user|assistant|model)\s*:/im,
  /"\w+"\s*:/,
  /\b(firstName|lastName|companyName|leadScore)\b/,
  /answer with json|write (two|a) short|as an ai\b|language model/i,
  /<\/?(start_of_turn|end_of_turn|s|bos|eos)>|\[\/?INST\]/i,
];

const PLACEHOLDER = /\{\{[^}]*\}\}|\{[A-Za-z_ .]+\}|\[[A-Z][A-Za-z ]*\]|<[a-z][a-z _]*>|\b(XXX|TBD|lorem ipsum)\b/;

/** Job-title words: a subject made only of these reads like a CRM field, not a subject line. */
const TITLE_WORDS = new Set(
  `ceo cto cfo coo cmo cro cio vp svp evp head chief director manager lead senior junior principal executive officer
   president vice founder cofounder co-founder owner partner account sales marketing operations engineering product
   revenue growth business development representative rep specialist coordinator analyst consultant associate of and
   the for & it hr finance customer success support engineer administrator admin officer general counsel`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Capitalised words an email uses without naming anybody: sentence starters, greetings and sign-offs,
 * calendar words and the product's own vocabulary. Kept short on purpose: a word missing here makes
 * a draft fail, which a person sees and fixes, rather than an invented name reaching a lead.
 */
const COMMON_WORDS = new Set(
  `i i'm i've i'd i'll we we're we've our us you you're your it it's its this that these those they their there here
   the a an and but or so if when while as at by for from in of on to with about after before since because
   hi hello hey dear thanks thank best regards cheers kind warm sincerely all
   would could can will may might should do does did is are was were be been have has had let just quick
   what which who how why where any some many most more each every no not yes sure great happy glad hope
   looking following following-up follow up reaching out given saw noticed thought wanted
   monday tuesday wednesday thursday friday saturday sunday today tomorrow week next this
   january february march april may june july august september october november december
   ps p.s email call meeting demo minutes minute teams team sales outreach crm ai api b2b saas roi q1 q2 q3 q4 faq
   ok okay also many one two three fifteen 15-minute`
    .split(/\s+/)
    .filter(Boolean),
);

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [];

function repeatedTrigramShare(text: string): number {
  const tokens = words(text);
  if (tokens.length < 12) return 0;
  const seen = new Set<string>();
  let repeated = 0;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const gram = `${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`;
    if (seen.has(gram)) repeated++;
    else seen.add(gram);
  }
  return repeated / (tokens.length - 2);
}

const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim().toLowerCase())
    .filter((sentence) => sentence.length > 12);

const hasRepeatedSentence = (text: string) => {
  const all = sentencesOf(text);
  return new Set(all).size < all.length;
};

/** Every word of the record's facts, lower-cased: what a draft may name. */
function knownWords(facts: DraftFacts): Set<string> {
  const source = [facts.firstName, facts.lastName, facts.company, facts.title, facts.senderName, ...facts.known];
  return new Set(source.flatMap((value) => (value ? words(value) : [])));
}

/** Capitalised words that are neither common nor from the record: names the model made up. */
export function inventedNames(text: string, facts: DraftFacts): string[] {
  const known = knownWords(facts);
  const found = new Set<string>();
  // Letters and digits, as the record's words are read (words()): "Web3Labs" is one name, not "Web".
  for (const match of text.matchAll(/\b\p{Lu}[\p{L}\p{N}'-]*/gu)) {
    const word = match[0].replace(/'s$/i, '');
    const lower = word.toLowerCase();
    if (COMMON_WORDS.has(lower) || known.has(lower) || TITLE_WORDS.has(lower)) continue;
    found.add(word);
  }
  return [...found];
}

/** The name after a greeting ("Hi Ana," / "Dear Ana Ruiz,"), when the body opens with one. */
const greetingName = (body: string): string | null =>
  /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\s+([^,\n!:]+?)\s*[,!:\n]/i.exec(body)?.[1]?.trim() ?? null;

function greetingIsRecords(name: string, facts: DraftFacts): boolean {
  const allowed = [facts.firstName, [facts.firstName, facts.lastName].filter(Boolean).join(' '), 'there', 'team']
    .filter((value): value is string => Boolean(value))
    .map((value) => value.toLowerCase());
  if (facts.company) allowed.push(`${facts.company} team`.toLowerCase());
  return allowed.includes(name.toLowerCase());
}

function subjectIsJobTitle(subject: string, facts: DraftFacts): boolean {
  const plain = subject
    .trim()
    .toLowerCase()
    .replace(/[.!?:]+$/, '');
  if (facts.title && plain === facts.title.trim().toLowerCase()) return true;
  const tokens = words(plain);
  return tokens.length > 0 && tokens.length <= 5 && tokens.every((token) => TITLE_WORDS.has(token));
}

/** Runs every check on a draft against the record it was written for. */
export function checkDraft(draft: { subject: string; body: string }, facts: DraftFacts): DraftVerdict {
  const failures: DraftVerdict['failures'] = [];
  const fail = (code: DraftCheckCode, message: string) => failures.push({ code, message });
  const subject = draft.subject.trim();
  const body = draft.body.trim();
  const both = `${subject}\n${body}`;

  const echo = ECHO_PATTERNS.find((pattern) => pattern.test(both));
  if (echo) fail('prompt_echo', 'The draft repeats its instructions or the CRM record instead of writing an email.');

  const share = repeatedTrigramShare(body);
  if (share > DRAFT_LIMITS.maxRepeatedTrigrams || hasRepeatedSentence(body))
    fail('repetition', `The draft repeats itself (${Math.round(share * 100)}% of its phrases are repeats).`);

  const { subject: subjectLimit, body: bodyLimit } = DRAFT_LIMITS;
  if (subject.length < subjectLimit.min || subject.length > subjectLimit.max)
    fail(
      'subject_length',
      `The subject has ${subject.length} characters; it needs ${subjectLimit.min} to ${subjectLimit.max}.`,
    );
  if (body.length < bodyLimit.min || body.length > bodyLimit.max)
    fail('body_length', `The body has ${body.length} characters; it needs ${bodyLimit.min} to ${bodyLimit.max}.`);

  const placeholder = PLACEHOLDER.exec(both);
  if (placeholder) fail('placeholder', `The draft still holds the placeholder "${placeholder[0]}".`);

  const greeted = greetingName(body);
  if (greeted && !greetingIsRecords(greeted, facts))
    fail('wrong_greeting', `The greeting names "${greeted}", but the contact is ${facts.firstName ?? 'unnamed'}.`);

  const invented = inventedNames(both, facts);
  if (invented.length > 0)
    fail(
      'invented_name',
      `The draft names ${invented
        .slice(0, 5)
        .map((name) => `"${name}"`)
        .join(', ')}, which the CRM record does not.`,
    );

  const personal = [facts.firstName, facts.company].filter((value): value is string => Boolean(value));
  if (personal.length > 0 && !personal.some((value) => both.toLowerCase().includes(value.toLowerCase())))
    fail('not_personal', `The draft names neither ${personal.join(' nor ')}: it could go to anybody.`);

  if (subjectIsJobTitle(subject, facts)) fail('subject_job_title', `The subject "${subject}" is only a job title.`);

  return { pass: failures.length === 0, failures };
}

/**
 * Whether a model's free notes (the research step's) read as notes rather than its prompt played
 * back or a phrase repeated to the token limit: the same echo and repetition checks as a draft's.
 */
export const notesAreUsable = (notes: string): boolean =>
  notes.trim().length > 0 &&
  !ECHO_PATTERNS.some((pattern) => pattern.test(notes)) &&
  repeatedTrigramShare(notes) <= DRAFT_LIMITS.maxRepeatedTrigrams &&
  !hasRepeatedSentence(notes);

/** One line for a reviewer or an error message: which checks failed. */
export const describeVerdict = (verdict: DraftVerdict): string =>
  verdict.pass ? 'passed the quality checks' : verdict.failures.map((failure) => failure.message).join(' ');
