/**
 * Reply-classification accuracy of the AI step (classifyReply, the active chat model: by default
 * the local GGUF model) on a small hand-labelled set, against keyword rules and the majority-class
 * guess measured on the same set in the same run:
 *
 *   npx tsx bench/reply-classification.ts     (BENCH_REPLIES=36: how many of the set to use)
 *
 * The set is tiny (6 replies per label) and the default model is a 270M-parameter base model:
 * read the figure as a sanity check of the step, not as a quality claim. Results go to stdout
 * and .data/bench/reply-classification.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReplyLabel } from '@cadenza/core';
import { closeLocalModel, createChatModel, loadAiEnv } from '../activities/src/ai/chat-model-switch';
import { classifyReply } from '../activities/src/ai/ai-steps';
import { classificationAccuracy } from './classification-accuracy';
import { REPLY_CLASSIFICATION_SET } from './reply-classification-set';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const COUNT = Number(process.env.BENCH_REPLIES ?? REPLY_CLASSIFICATION_SET.length);
const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The baseline: what a keyword filter in a mail rule would do (first matching rule wins). */
const RULES: Array<[RegExp, ReplyLabel]> = [
  [/out of (the )?office|auto(matic)?[- ]reply|vacation|\booo\b|on leave/i, 'out_of_office'],
  [/unsubscribe|remove me|opt me out|mailing list|stop email/i, 'unsubscribe'],
  [/wrong (person|contact)|not the right person|no longer work/i, 'wrong_person'],
  [/later|next (year|quarter)|circle back|in \w+ months|not now|follow up after/i, 'not_now'],
  [/no thanks|not interested|not a fit|pass\b/i, 'not_interested'],
];
const keywordLabel = (text: string): ReplyLabel => RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'interested';

async function main(): Promise<void> {
  const set = REPLY_CLASSIFICATION_SET.slice(0, COUNT);
  const choice = await createChatModel(loadAiEnv(), harnessEgress);
  log(`classifying ${set.length} replies with ${choice.active.provider}/${choice.active.model}`);
  const model: Array<{ expected: ReplyLabel; predicted: ReplyLabel | null }> = [];
  const latencies: number[] = [];
  for (const [i, reply] of set.entries()) {
    const started = Date.now();
    // A reply the model cannot put in the schema after its retries counts as a miss, as it fails the step.
    const predicted = await classifyReply(choice, reply.text).then(
      (result) => result.label,
      () => null,
    );
    latencies.push(Date.now() - started);
    model.push({ expected: reply.label, predicted });
    log(`${i + 1}/${set.length} ${reply.label} -> ${predicted ?? 'failed'} (${latencies.at(-1)} ms)`);
  }
  const keywords = classificationAccuracy(set.map((r) => ({ expected: r.label, predicted: keywordLabel(r.text) })));
  const majority = classificationAccuracy(set.map((r) => ({ expected: r.label, predicted: 'interested' as const })));
  const byModel = classificationAccuracy(model);
  const sorted = [...latencies].sort((a, b) => a - b);
  const report = {
    at: new Date().toISOString(),
    model: choice.active,
    setSize: set.length,
    accuracy: round(byModel.accuracy),
    keywordAccuracy: round(keywords.accuracy),
    majorityAccuracy: round(majority.accuracy),
    failed: model.filter((m) => m.predicted === null).length,
    medianLatencyMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    perLabel: byModel.perLabel,
    confusion: byModel.confusion,
  };
  const dir = path.join(process.cwd(), process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'reply-classification.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeLocalModel());
