/**
 * Pass rate of the draft quality gate (core/src/ai/draft-gate.ts) on the demo's contacts, with the
 * active chat model (by default the local GGUF base model), as the ai_agent step drafts them:
 *
 *   npx tsx bench/draft-gate.ts           (BENCH_DRAFT_CONTACTS=500: all the demo contacts)
 *   BENCH_DRAFT_CONTACTS=20 npx tsx bench/draft-gate.ts     (the short form)
 *
 * Reports the model's pass rate on its first try, after its one retry (both before the template
 * fallback), and of the final drafts (after the fallback), with the failed checks by code. The
 * chain's earlier way (the whole draft as JSON from a chat prompt) is measured on the first
 * BENCH_DRAFT_BASELINE contacts (default 20) for comparison. Results go to stdout and
 * .data/bench/draft-gate.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkDraft, type DraftCheckCode, type DraftFacts } from '@cadenza/core';
import { closeLocalModel, createChatModel, loadAiEnv } from '../activities/src/ai/chat-model-switch';
import { DRAFT_SYSTEM, draftPrompt } from '../activities/src/ai/agent/agent-prompts';
import { draftFactsOf, exampleOpenings } from '../activities/src/ai/agent/draft-composition';
import { chatDraftAttempt, localOpeningAttempt } from '../activities/src/ai/agent/draft-attempts';
import { gatedDraft } from '../activities/src/ai/agent/gated-draft';
import { DEMO_USERS, generateDemoWorkspace } from '../scripts/demo/demo-data';
import { AI_DRAFT_MAX_TOKENS } from '../scripts/demo/demo-flows';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const COUNT = Number(process.env.BENCH_DRAFT_CONTACTS ?? 500);
const BASELINE = Number(process.env.BENCH_DRAFT_BASELINE ?? 20);
const log = (message: string) => console.log(`[bench] ${message}`);
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

/** The demo AI flow's instructions, rendered for one contact as the step renders them. */
const instructionsFor = (firstName: string, title: string) =>
  `Follow up with ${firstName}, ${title}, who showed interest in automating sales outreach: offer a 15-minute call this week.`;

const OLD_SCHEMA = z.object({
  subject: z.string().min(1).max(80),
  body: z
    .string()
    .min(1)
    .max(AI_DRAFT_MAX_TOKENS * 2),
});

async function main(): Promise<void> {
  const workspace = generateDemoWorkspace();
  const contacts = workspace.contacts.slice(0, COUNT);
  const salesRep = DEMO_USERS.find((user) => user.role === 'sales_rep')!.name;
  const admin = DEMO_USERS.find((user) => user.role === 'admin')!.name;
  const choice = await createChatModel(loadAiEnv(), harnessEgress);
  log(`drafting for ${contacts.length} demo contacts with ${choice.active.provider}/${choice.active.model}`);

  const tally = { firstTry: 0, afterRetry: 0, final: 0, template: 0, copied: 0 };
  const failedChecks: Partial<Record<DraftCheckCode | 'no_sentence', number>> = {};
  const latencies: number[] = [];
  const examples: Array<{ origin: string; subject: string; body: string }> = [];
  const factsOf = (index: number): { facts: DraftFacts; instructions: string } => {
    const contact = contacts[index]!;
    const instructions = instructionsFor(contact.firstName, contact.title);
    const fields = {
      firstName: contact.firstName,
      lastName: contact.lastName,
      title: contact.title,
      companyName: workspace.companies[contact.company]!.name,
    };
    return { facts: draftFactsOf(fields, instructions, contact.ownedBySalesRep ? salesRep : admin), instructions };
  };

  for (let i = 0; i < contacts.length; i++) {
    const { facts, instructions } = factsOf(i);
    const started = Date.now();
    const gated = await gatedDraft(facts, localOpeningAttempt(choice, facts, instructions));
    latencies.push(Date.now() - started);
    if (gated.tries[0]?.verdict?.pass) tally.firstTry++;
    if (gated.review.origin === 'model') tally.afterRetry++;
    else tally.template++;
    if (gated.review.verdict.pass) tally.final++;
    // A passing opening that is one of the examples word for word: true to the record, but not the model's own.
    if (gated.review.origin === 'model' && exampleOpenings(facts).some((example) => gated.draft.body.includes(example)))
      tally.copied++;
    for (const attempt of gated.tries) {
      if (!attempt.verdict) failedChecks.no_sentence = (failedChecks.no_sentence ?? 0) + 1;
      for (const failure of attempt.verdict?.failures ?? [])
        failedChecks[failure.code] = (failedChecks[failure.code] ?? 0) + 1;
    }
    if (examples.length < 5 && gated.review.origin === 'model') examples.push({ origin: 'model', ...gated.draft });
    log(
      `${i + 1}/${contacts.length} ${gated.review.origin} (tries: ${gated.tries.map((t) => (t.verdict?.pass ? 'pass' : (t.verdict?.failures.map((f) => f.code).join('+') ?? 'no sentence'))).join(', ')}) ${latencies.at(-1)} ms`,
    );
  }

  // The chain's earlier way, for comparison: the whole draft as JSON from a chat prompt, no fallback.
  let baselinePassed = 0;
  const baselineCount = Math.min(BASELINE, contacts.length);
  const baselineExamples: Array<{ subject: string; body: string } | null> = [];
  for (let i = 0; i < baselineCount; i++) {
    const { facts, instructions } = factsOf(i);
    const prompt = {
      system: DRAFT_SYSTEM,
      user: draftPrompt({
        instructions,
        contact: {
          firstName: facts.firstName,
          lastName: facts.lastName,
          title: facts.title,
          companyName: facts.company,
        },
        research: '',
        score: null,
      }),
    };
    const written = await chatDraftAttempt(choice, OLD_SCHEMA, prompt, AI_DRAFT_MAX_TOKENS + 48)(0);
    const passed = written.draft ? checkDraft(written.draft, facts).pass : false;
    if (passed) baselinePassed++;
    if (baselineExamples.length < 3) baselineExamples.push(written.draft);
    log(`baseline ${i + 1}/${baselineCount} ${passed ? 'pass' : 'fail'}`);
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const report = {
    at: new Date().toISOString(),
    model: choice.active,
    contacts: contacts.length,
    modelPassRateFirstTry: share(tally.firstTry, contacts.length),
    modelPassRate: share(tally.afterRetry, contacts.length),
    finalPassRate: share(tally.final, contacts.length),
    templateFallbacks: tally.template,
    modelCopiedAnExample: tally.copied,
    failedChecks,
    medianDraftMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p95DraftMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    baseline: { contacts: baselineCount, passRate: share(baselinePassed, baselineCount), examples: baselineExamples },
    examples,
  };
  const dir = path.join(process.cwd(), process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'draft-gate.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeLocalModel());
