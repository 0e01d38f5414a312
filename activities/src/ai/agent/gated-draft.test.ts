import { checkDraft, type DraftFacts } from '@cadenza/core';
import {
  composeDraft,
  draftFactsOf,
  exampleOpenings,
  openingDocument,
  openingOf,
  researchOrFacts,
  templateOpening,
} from './draft-composition';
import { gatedDraft, type DraftAttempt } from './gated-draft';

const facts: DraftFacts = draftFactsOf(
  {
    firstName: 'Aria',
    lastName: 'Khan',
    title: 'Sales Director',
    companyName: 'Dunder Cloud',
    custom: { industry: 'Software' },
  },
  'Follow up with Aria, Sales Director, who showed interest in automating sales outreach.',
  'Sam Sales',
);

/** Attempts that answer the given openings in turn (null: the model wrote no sentence). */
const scripted = (openings: Array<string | null>): DraftAttempt<number> & { calls: number[] } => {
  const calls: number[] = [];
  const attempt = async (framing: number) => {
    calls.push(framing);
    const opening = openings[framing] ?? null;
    return { draft: opening ? composeDraft(facts, opening) : null, usage: framing };
  };
  return Object.assign(attempt, { calls });
};

describe('draft composition', () => {
  it('reads the facts from the snapshot fields, the instructions and the sender', () => {
    expect(facts).toMatchObject({
      firstName: 'Aria',
      company: 'Dunder Cloud',
      title: 'Sales Director',
      senderName: 'Sam Sales',
    });
    expect(facts.known).toContain('Software');
  });

  it("frames the model's line in a draft that passes the gate, and the template always does", () => {
    for (const opening of [...exampleOpenings(facts), templateOpening(facts)])
      expect(checkDraft(composeDraft(facts, opening), facts)).toEqual({ pass: true, failures: [] });
    const bare = draftFactsOf({}, '', null);
    expect(checkDraft(composeDraft(bare, templateOpening(bare)), bare).pass).toBe(true);
  });

  it('gives the model a document with the record filled in, a different one on the retry', () => {
    const first = openingDocument(facts, 'offer a call', 0);
    expect(first).toContain('Recipient: Aria Khan, Sales Director, at Dunder Cloud');
    expect(first.endsWith('Opening:')).toBe(true);
    expect(openingDocument(facts, 'offer a call', 1)).not.toEqual(first);
  });

  it("keeps the first sentence of the model's line, and nothing when it wrote none", () => {
    expect(openingOf(' I saw Dunder Cloud is growing fast. And more text\nRecipient: x')).toBe(
      'I saw Dunder Cloud is growing fast.',
    );
    expect(openingOf('\nRecipient:')).toBeNull();
    expect(openingOf('I am a great listener and I would love to')).toBeNull();
  });
});

describe('researchOrFacts', () => {
  it("keeps the model's notes when they read as notes, and says what the record holds otherwise", () => {
    expect(researchOrFacts('Aria leads sales at Dunder Cloud.', facts)).toEqual({
      text: 'Aria leads sales at Dunder Cloud.',
      fromModel: true,
    });
    const echoed = researchOrFacts('You are a sales researcher. Contact: {"firstName": "Aria"}', facts);
    expect(echoed.fromModel).toBe(false);
    expect(echoed.text).toMatch(/^Aria Khan, Sales Director at Dunder Cloud\./);
  });
});

describe('gatedDraft', () => {
  it("keeps the model's first passing draft", async () => {
    const attempt = scripted(['I saw that Dunder Cloud is hiring sales people this quarter.']);
    const gated = await gatedDraft(facts, attempt);
    expect(gated.review).toEqual({ origin: 'model', modelAttempts: 1, verdict: { pass: true, failures: [] } });
    expect(gated.draft.body).toContain('I saw that Dunder Cloud is hiring');
    expect(attempt.calls).toEqual([0]);
  });

  it('retries once with the other framing when the first draft fails', async () => {
    const attempt = scripted([
      'I met Jennifer at the Globex booth last week.',
      'Teams at Dunder Cloud want more replies.',
    ]);
    const gated = await gatedDraft(facts, attempt);
    expect(attempt.calls).toEqual([0, 1]);
    expect(gated.review).toMatchObject({ origin: 'model', modelAttempts: 2 });
    expect(gated.tries[0]!.verdict!.failures.map((f) => f.code)).toEqual(['invented_name']);
    expect(gated.usage).toEqual([0, 1]);
  });

  it('falls back to the template built from the record when the model cannot pass', async () => {
    const gated = await gatedDraft(facts, scripted([null, 'Hi [Name], I am a great listener.']));
    expect(gated.review).toMatchObject({ origin: 'template', modelAttempts: 2, verdict: { pass: true } });
    expect(gated.draft).toEqual(composeDraft(facts, templateOpening(facts)));
    expect(gated.tries.map((t) => t.verdict?.pass ?? null)).toEqual([null, false]);
  });
});
