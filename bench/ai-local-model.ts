/**
 * The local model and the agent chain, each against a baseline measured in the same run:
 *
 *   npx tsx bench/ai-local-model.ts     (BENCH_SAMPLES=3, BENCH_DRAFT_TOKENS=120, LLM_THREADS from the env)
 *
 *   raw generation:   the llama.cpp host asked directly for a 120-token email draft (no LangChain);
 *                     tokens/s and latency per draft;
 *   platform draft:   the same request through the AI step path (LangChain chat model, usage
 *                     recording): latency and tokens/s, and its ratio to the raw figure;
 *   agent chain:      research -> score -> draft up to the approval interrupt, on the PostgreSQL
 *                     checkpointer (no Temporal); wall time against the sum of its own model calls,
 *                     so the ratio is what graph, checkpoints and CRM reads add.
 * A tiny base model on a shared CPU: read the ratios, not the absolute figures. Starts an
 * embedded PostgreSQL as the test harness does (or uses TEST_DATABASE_URL). Results go to
 * stdout and .data/bench/ai-local-model.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderTemplate, sideEffectKey, type NodeOfType, type StepNode } from '@cadenza/core';
import { createDataSource, type DataSource } from '@cadenza/data';
import { createCrmFlowPort } from '@cadenza/services/flow';
import {
  chatModelSourceOf,
  closeLocalModel,
  createChatModel,
  loadAiEnv,
  localLlamaClient,
} from '../activities/src/ai/chat-model-switch';
import { generateText } from '../activities/src/ai/ai-steps';
import { aiAgentAction } from '../activities/src/ai/agent/ai-agent-action';
import { provisionPostgres } from '@cadenza/test-harness/provision';
import { adminOfNewTenant, flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 3);
const DRAFT_TOKENS = Number(process.env.BENCH_DRAFT_TOKENS ?? 120);
const SYSTEM = 'You write short, friendly sales emails.';
const PROMPT = 'Write an email inviting Grace, CTO at Acme Software, to a 20 minute product demo next week.';

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number) => Math.round(n * 10) / 10;
const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Sample {
  ms: number;
  tokens: number;
}
const summary = (samples: Sample[]) => ({
  samples: samples.length,
  medianMs: Math.round(median(samples.map((s) => s.ms))),
  tokensPerSecond: round(
    samples.reduce((sum, s) => sum + s.tokens, 0) / (samples.reduce((sum, s) => sum + s.ms, 0) / 1000),
  ),
  medianTokens: median(samples.map((s) => s.tokens)),
});

async function rawGeneration(): Promise<Sample[]> {
  const client = await localLlamaClient(loadAiEnv());
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = Date.now();
    const result = await client.generate({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: PROMPT },
      ],
      maxTokens: DRAFT_TOKENS,
      temperature: 0,
    });
    samples.push({ ms: Date.now() - started, tokens: result.outputTokens });
  }
  return samples;
}

async function platformDraft(): Promise<Sample[]> {
  const choice = await createChatModel(loadAiEnv(), harnessEgress);
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = Date.now();
    const reply = await generateText(choice, {
      system: SYSTEM,
      prompt: PROMPT,
      maxTokens: DRAFT_TOKENS,
      promptVersion: 'bench',
    });
    samples.push({ ms: Date.now() - started, tokens: reply.outputTokens });
  }
  return samples;
}

async function agentChain(db: DataSource) {
  const admin = await adminOfNewTenant(db, 'AI bench');
  const node = {
    id: 'agent',
    type: 'ai_agent',
    position: { x: 0, y: 0 },
    settings: {
      instructions: 'Invite Grace to a demo',
      tools: [],
      maxSteps: 10,
      requireApproval: true,
      approvalTimeout: { amount: 3, unit: 'days' },
      draftMaxTokens: DRAFT_TOKENS,
    },
  } as NodeOfType<'ai_agent'> & StepNode;
  const flow = await publishedFlow(db, admin, flowOf([node], [['start', 'agent']]));
  const crm = createCrmFlowPort(db);
  const runs: Array<{ wallMs: number; modelMs: number; tokens: number }> = [];
  for (let i = 0; i < SAMPLES; i++) {
    const contactId = await newContact(db, admin, { firstName: 'Grace', email: `${randomUUID()}@example.com` });
    const enrollmentId = randomUUID();
    const started = Date.now();
    const answer = await aiAgentAction(
      {
        key: sideEffectKey(enrollmentId, 'agent', 1),
        tenantId: admin.tenantId,
        enrollmentId,
        workflowId: `bench-${enrollmentId}`,
        flowId: flow.flowId,
        contactId,
        testMode: true,
        node,
        stepOutputs: {},
        approvalExpiresAt: null,
      },
      {
        db,
        crm,
        chatModel: chatModelSourceOf(loadAiEnv(), harnessEgress),
        render: (text, contact, input) => renderTemplate(text, { contact, steps: input.stepOutputs }).text,
        sendEmail: () => Promise.reject(new Error('the bench stops at the approval')),
        // The bench's agent has no tools: nothing is enrolled, nothing searched.
        enroll: () => Promise.reject(new Error('the bench agent has no tools')),
        knowledge: undefined,
      },
    );
    const wallMs = Date.now() - started;
    if (!answer.awaitingApproval) throw new Error('the chain did not stop for approval');
    const result = answer.result as { latencyMs: number; inputTokens: number; outputTokens: number };
    runs.push({ wallMs, modelMs: result.latencyMs, tokens: result.inputTokens + result.outputTokens });
    log(`agent chain ${i + 1}/${SAMPLES}: ${wallMs} ms (model ${result.latencyMs} ms)`);
  }
  const wall = median(runs.map((run) => run.wallMs));
  const model = median(runs.map((run) => run.modelMs));
  return {
    samples: runs.length,
    medianWallMs: wall,
    medianModelMs: model,
    overheadRatio: ratio(wall, model),
    medianTokens: median(runs.map((run) => run.tokens)),
  };
}

async function main(): Promise<void> {
  const env = loadAiEnv();
  const loadMs = await (await localLlamaClient(env)).load();
  log(`local model loaded in ${loadMs} ms (threads ${env.LLM_THREADS}, ${os.cpus().length} CPUs)`);
  const raw = summary(await rawGeneration());
  log(`raw generation: ${JSON.stringify(raw)}`);
  const platform = summary(await platformDraft());
  log(`platform draft: ${JSON.stringify(platform)}`);

  const postgres = await provisionPostgres(process.env);
  const db = await createDataSource({ url: postgres.address, poolSize: 4 }).initialize();
  let chain;
  try {
    chain = await agentChain(db);
  } finally {
    await db.destroy();
    await postgres.release();
    await closeLocalModel();
  }
  log(`agent chain: ${JSON.stringify(chain)}`);

  const report = {
    at: new Date().toISOString(),
    settings: { samples: SAMPLES, draftTokens: DRAFT_TOKENS, threads: env.LLM_THREADS, loadAverage: os.loadavg() },
    loadMs,
    raw,
    platform: { ...platform, latencyRatioToRaw: ratio(platform.medianMs, raw.medianMs) },
    chain,
  };
  const dir = path.resolve(__dirname, '..', process.env.CADENZA_DATA_DIR ?? '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ai-local-model.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    [
      '',
      `| figure | value | baseline | ratio |`,
      `| --- | --- | --- | --- |`,
      `| ${DRAFT_TOKENS}-token draft, raw host | ${raw.medianMs} ms, ${raw.tokensPerSecond} tokens/s | | |`,
      `| ${DRAFT_TOKENS}-token draft, AI step path | ${platform.medianMs} ms, ${platform.tokensPerSecond} tokens/s | raw ${raw.medianMs} ms | ${report.platform.latencyRatioToRaw} |`,
      `| agent chain to approval | ${chain.medianWallMs} ms | its model calls ${chain.medianModelMs} ms | ${chain.overheadRatio} |`,
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
