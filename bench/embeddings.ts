/**
 * Sentence-embedding throughput of the local model (all-MiniLM-L6-v2 as GGUF, node-llama-cpp, CPU):
 *
 *   npx tsx bench/embeddings.ts     (BENCH_SHORT=200 short replies, BENCH_LONG=40 longer texts, LLM_THREADS)
 *
 * For each kind of text, one embed() call per batch of BENCH_BATCH (default 32) texts through the Embedder
 * (the service callers use), after a warm-up batch. Reports sentences/s (wall), CPU ms per sentence (this process
 * and the model host, read from /proc, which moves little with the load of a shared box) and tokens per text;
 * compared against the host's own model time, so the ratio is what IPC and normalising add.
 * Results go to stdout and .data/bench/embeddings.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchesOf } from '@cadenza/services/ai';
import { LocalEmbedder } from '../activities/src/ai/local-embedder';
import { loadAiEnv } from '../activities/src/ai/chat-model-switch';
import { locateEmbeddingModel } from '@cadenza/services/ai';
import { cpuBetween, cpuOfTree } from './process-cpu';

const SHORT = Number(process.env.BENCH_SHORT ?? 200);
const LONG = Number(process.env.BENCH_LONG ?? 40);
const BATCH = Number(process.env.BENCH_BATCH ?? 32);

const REPLIES = [
  "Thanks, I'm interested. Can we talk on Thursday?",
  'Please take me off your list.',
  "I'm out of the office until the 14th.",
  'Not right now, maybe next quarter.',
  'Who is the right person to speak to about pricing?',
  'Sounds great, send me the deck.',
  'We already use a competitor, thanks.',
  'Can you share a case study in retail?',
];
const PARAGRAPH =
  'Following our call last week, I shared the proposal with our operations and finance teams. ' +
  'They liked the automation of the onboarding sequences and the way replies are sorted, but they have ' +
  'questions about data residency, the migration of our existing contact history, and how pricing scales ' +
  'once we pass fifty thousand contacts. Could you send the security documentation and a rough migration ' +
  'plan, and suggest two or three slots for a follow-up with our IT lead before the end of the month? ';

/** Distinct texts (numbered) so nothing could be served from a cache. */
const shortTexts = (n: number) => Array.from({ length: n }, (_, i) => `${REPLIES[i % REPLIES.length]} (#${i})`);
const longTexts = (n: number) =>
  Array.from({ length: n }, (_, i) => `Ticket ${i}. ${PARAGRAPH}${PARAGRAPH.slice(0, 200)}`);

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 100) / 100;

async function measure(embedder: LocalEmbedder, texts: string[]) {
  await embedder.embed(texts.slice(0, Math.min(BATCH, texts.length)).map((text) => `warm-up ${text}`));
  const cpuBefore = cpuOfTree();
  const started = process.hrtime.bigint();
  let hostMs = 0;
  let tokens = 0;
  for (const batch of batchesOf(texts, BATCH)) {
    await embedder.embed(batch);
    hostMs += embedder.lastStats.embedMs;
    tokens += embedder.lastStats.tokens;
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = [...cpuBetween(cpuBefore, cpuOfTree()).values()].reduce((sum, s) => sum + s, 0) * 1000;
  return {
    texts: texts.length,
    tokensPerText: round(tokens / texts.length),
    sentencesPerSecond: round(texts.length / (wallMs / 1000)),
    hostSentencesPerSecond: round(texts.length / (hostMs / 1000)),
    cpuMsPerSentence: round(cpuMs / texts.length),
    wallMsPerSentence: round(wallMs / texts.length),
  };
}

async function main(): Promise<void> {
  const env = loadAiEnv({ ...process.env, EMBEDDING_PROVIDER: 'local' });
  const embedder = new LocalEmbedder({
    modelPath: locateEmbeddingModel({ override: env.EMBEDDING_MODEL_PATH }),
    threads: env.LLM_THREADS,
  });
  try {
    const loadMs = await embedder.load();
    log(`embedding model loaded in ${loadMs} ms (threads ${env.LLM_THREADS}, ${os.cpus().length} CPUs)`);
    const short = await measure(embedder, shortTexts(SHORT));
    log(`short replies: ${JSON.stringify(short)}`);
    const long = await measure(embedder, longTexts(LONG));
    log(`longer texts: ${JSON.stringify(long)}`);
    const report = {
      at: new Date().toISOString(),
      settings: { short: SHORT, long: LONG, batch: BATCH, threads: env.LLM_THREADS, loadAverage: os.loadavg() },
      model: embedder.model,
      loadMs,
      short,
      long,
    };
    const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'embeddings.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        '',
        '| texts | tokens/text | sentences/s | host alone | CPU ms/sentence |',
        '| --- | --- | --- | --- | --- |',
        ...[
          ['short replies', short],
          ['longer texts', long],
        ].map(
          ([name, r]) =>
            `| ${name as string} | ${(r as typeof short).tokensPerText} | ${(r as typeof short).sentencesPerSecond} | ${(r as typeof short).hostSentencesPerSecond} | ${(r as typeof short).cpuMsPerSentence} |`,
        ),
      ].join('\n'),
    );
  } finally {
    await embedder.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
