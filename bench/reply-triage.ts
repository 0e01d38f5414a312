/**
 * Reply triage on the TEST split of the labelled reply set (services/src/ai/reply-triage/replies):
 * accuracy per intent, confusion matrix and latency per reply of the active triager (the offline
 * classifier by default; the vendor chat model when OPENAI_API_KEY is set), against the keyword
 * rules and the majority guess measured on the same replies in the same run; plus the older
 * 36-reply set of the first bench as an extra check:
 *
 *   npx tsx bench/reply-triage.ts      (BENCH_TRIAGE_REPLIES: how many test replies, all by default)
 *
 * Results go to stdout and .data/bench/reply-triage.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReplyIntent } from '@cadenza/core';
import { loadReplySplit, replyBody } from '@cadenza/services/ai';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { loadAiEnv } from '../activities/src/ai/chat-model-switch';
import { closeLocalEmbedder } from '../activities/src/ai/embedder-switch';
import { createReplyTriager } from '../activities/src/ai/triage/reply-triager-switch';
import { classificationAccuracy } from './classification-accuracy';
import { summarizeLatencies } from './latency-summary';
import { REPLY_CLASSIFICATION_SET } from './reply-classification-set';
import { keywordIntent } from './reply-triage-rules';

/** The rules read the same stripped body as the classifier: on raw mail they would mostly read our own quoted email. */
const rulesOn = (reply: { text: string; subject?: string }) =>
  keywordIntent({ text: replyBody(reply.text), ...(reply.subject !== undefined ? { subject: reply.subject } : {}) });

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  const all = loadReplySplit('test');
  const count = Number(process.env.BENCH_TRIAGE_REPLIES ?? all.length);
  // Every count-th reply of the whole split, so a short run still covers each intent.
  const test = count >= all.length ? all : all.filter((_, i) => i % Math.ceil(all.length / count) === 0);
  const triager = createReplyTriager(loadAiEnv(), harnessEgress);
  log(`triaging ${test.length} test replies with ${triager.model}`);
  // The first call loads the embedding model (about a second): not a reply's latency.
  await triager.triage({ text: 'warm-up' });
  const latencies: number[] = [];
  const pairs: Array<{ expected: ReplyIntent; predicted: ReplyIntent | null }> = [];
  let needsReview = 0;
  let confidentRight = 0;
  for (const { id: _id, intent, ...request } of test) {
    const started = performance.now();
    const answer = await triager.triage(request).catch(() => null);
    latencies.push(performance.now() - started);
    if (answer?.needsReview) needsReview++;
    else if (answer?.intent === intent) confidentRight++;
    pairs.push({ expected: intent, predicted: answer?.intent ?? null });
  }
  const model = classificationAccuracy(pairs);
  const keywords = classificationAccuracy(test.map((r) => ({ expected: r.intent, predicted: rulesOn(r) })));
  const majority = classificationAccuracy(test.map((r) => ({ expected: r.intent, predicted: 'interested' as const })));
  const older: Array<{ expected: ReplyIntent; predicted: ReplyIntent | null }> = [];
  for (const reply of REPLY_CLASSIFICATION_SET)
    older.push({
      expected: reply.label,
      predicted: (await triager.triage({ text: reply.text }).catch(() => null))?.intent ?? null,
    });
  const report = {
    at: new Date().toISOString(),
    model: triager.model,
    setSize: test.length,
    accuracy: round(model.accuracy),
    keywordAccuracy: round(keywords.accuracy),
    majorityAccuracy: round(majority.accuracy),
    failed: pairs.filter((p) => p.predicted === null).length,
    needsReview,
    // What a flow acts on without a person: the answers above the review threshold, and how often they are right.
    confidentAccuracy: round(confidentRight / Math.max(1, test.length - needsReview)),
    latency: summarizeLatencies(latencies),
    perIntent: model.perLabel,
    keywordPerIntent: keywords.perLabel,
    confusion: model.confusion,
    olderSet: {
      size: older.length,
      accuracy: round(classificationAccuracy(older).accuracy),
      keywordAccuracy: round(
        classificationAccuracy(REPLY_CLASSIFICATION_SET.map((r) => ({ expected: r.label, predicted: rulesOn(r) })))
          .accuracy,
      ),
    },
  };
  const dir = path.join(process.cwd(), process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'reply-triage.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeLocalEmbedder());
