/**
 * Trains the offline reply-triage model (`npm run train:reply-triage`): embeds the train and dev
 * splits with the real local embedder (all-MiniLM-L6-v2), picks the weight decay on dev, writes the
 * model to services/src/ai/reply-triage/models/<name>-<version>.json and points current-model.ts
 * at it. The test split is never read here: it measures the committed model (see
 * reply-triage-accuracy.int.test.ts and bench/reply-triage.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAiEnv } from '@cadenza/services/ai';
import { closeLocalEmbedder, createEmbedder } from '../activities/src/ai/embedder-switch';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { loadReplySplit } from '../services/src/ai/reply-triage/replies/labelled-reply';
import { replyFeatureVectors } from '../services/src/ai/reply-triage/reply-set-features';
import { modelFileOf } from '../services/src/ai/reply-triage/reply-triage-model';
import { trainReplyTriageModel, type LabelledFeatures } from '../services/src/ai/reply-triage/train-reply-triage-model';

const CURRENT = path.join(__dirname, '../services/src/ai/reply-triage/current-model.ts');
const L2_CANDIDATES = [3e-3, 1e-2, 3e-2, 1e-1];
const BOOST_CANDIDATES = [1, 2, 4];

async function main(): Promise<void> {
  const { embedder } = createEmbedder(loadAiEnv({ ...process.env, EMBEDDING_PROVIDER: 'local' }), harnessEgress);
  const features = async (split: 'train' | 'dev'): Promise<LabelledFeatures> => {
    const replies = loadReplySplit(split);
    return { rows: await replyFeatureVectors(embedder, replies), intents: replies.map((reply) => reply.intent) };
  };
  const started = Date.now();
  const [train, dev] = [await features('train'), await features('dev')];
  console.log(
    `embedded ${train.rows.length} train and ${dev.rows.length} dev replies with ${embedder.model} in ${Date.now() - started} ms`,
  );
  const candidates = BOOST_CANDIDATES.flatMap((lexicalBoost) =>
    L2_CANDIDATES.map((l2) =>
      trainReplyTriageModel({
        name: 'minilm-logreg',
        embedder: embedder.model,
        train,
        dev,
        training: { l2, epochs: 300, learningRate: 0.02 },
        lexicalBoost,
      }),
    ),
  );
  for (const { training } of candidates)
    console.log(`${JSON.stringify(training.hyperparameters)}: dev accuracy ${training.devAccuracy.toFixed(3)}`);
  // Best on dev; on a tie, the first (weaker cues, then weaker decay).
  const best = candidates.reduce((a, b) => (b.training.devAccuracy > a.training.devAccuracy ? b : a));
  const file = modelFileOf(best);
  writeFileSync(file, `${JSON.stringify(best)}\n`);
  const current = readFileSync(CURRENT, 'utf8').replace(
    /CURRENT_REPLY_TRIAGE_MODEL = '[^']*'/,
    `CURRENT_REPLY_TRIAGE_MODEL = '${path.basename(file)}'`,
  );
  writeFileSync(CURRENT, current);
  console.log(
    `wrote ${path.relative(process.cwd(), file)}: ${best.name}@${best.version}, dev accuracy ${best.training.devAccuracy.toFixed(3)}`,
  );
  console.log(JSON.stringify(best.training.devPerIntent));
  await closeLocalEmbedder();
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeLocalEmbedder();
  process.exit(1);
});
