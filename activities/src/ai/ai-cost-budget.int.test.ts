import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/activity';
import { getTokenBudget, updateTokenBudget, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { adminOfNewTenant } from '@cadenza/test-harness/flow-fixtures';
import { generateText } from './ai-steps';
import { modelSourceFor } from './ai-flow-actions';
import { createChatModel, loadAiEnv } from './chat-model-switch';
import { BUDGET_EXHAUSTED } from './token-meter';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';

/**
 * The daily cost budget on the vendor path: a local HTTP server speaking the OpenAI chat-completions wire
 * format reports usage, the real metered source prices it, PostgreSQL counts it, and the call after the cap
 * is refused before it reaches the server.
 */
describe('the daily AI cost budget', () => {
  let server: Server;
  let baseUrl: string;
  let db: DataSource;
  let served = 0;

  beforeAll(async () => {
    db = await connectTestDb();
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        served += 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `chatcmpl-${served}`,
            object: 'chat.completion',
            created: 1,
            model: 'gpt-test',
            choices: [{ index: 0, message: { role: 'assistant', content: 'Hello Grace' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    allowEgressTo((server.address() as AddressInfo).port);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.destroy();
  });

  const meteredSource = (tenantId: string, env: Record<string, string>) =>
    modelSourceFor(
      {
        db,
        chatModel: (model) =>
          createChatModel(
            loadAiEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, ...env }),
            harnessEgress,
            model ? { model } : {},
          ),
      },
      tenantId,
    );
  const draft = async (source: ReturnType<typeof meteredSource>) =>
    generateText(await source(), { prompt: 'Invite Grace', maxTokens: 20, promptVersion: 'v1' });

  it('prices each call from the configured rates and refuses the call after the cost cap', async () => {
    const { tenantId } = await adminOfNewTenant(db, 'Cost budget');
    // $2 per 1M in and $10 per 1M out: 12 * 2 + 7 * 10 = 94 micro-dollars per call.
    const source = meteredSource(tenantId, {
      OPENAI_MODEL: 'gpt-test',
      AI_PRICE_INPUT_PER_MTOK: '2',
      AI_PRICE_OUTPUT_PER_MTOK: '10',
    });
    const budget = await updateTokenBudget(db, tenantId, { dailyCostUsd: 0.0002 });
    expect(budget).toMatchObject({ dailyTokens: null, dailyCostUsd: 0.0002, costTodayUsd: 0 });

    // 0 -> 94 -> 188 micro-dollars are under the $0.0002 cap; the third call takes it to 282.
    for (let call = 0; call < 3; call++) await draft(source);
    expect(await getTokenBudget(db, tenantId)).toMatchObject({ usedToday: 57, callsToday: 3, costTodayUsd: 0.000282 });

    const servedBefore = served;
    const refused = await draft(source).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: BUDGET_EXHAUSTED, nonRetryable: true });
    expect((refused as Error).message).toMatch(
      /daily AI cost budget is exhausted: \$0\.000282 of \$0\.0002 spent today/,
    );
    expect(served).toBe(servedBefore); // refused before any token was paid for
    expect((await getTokenBudget(db, tenantId)).callsToday).toBe(3);

    // Raising the cap lets calls through again; the token cap is untouched by a cost-only update.
    await updateTokenBudget(db, tenantId, { dailyCostUsd: 1 });
    await draft(source);
    expect(await getTokenBudget(db, tenantId)).toMatchObject({
      dailyTokens: null,
      callsToday: 4,
      costTodayUsd: 0.000376,
    });
  }, 60_000);

  it('uses the list price without an override, and names the token cap when that one is spent', async () => {
    const { tenantId } = await adminOfNewTenant(db, 'List price');
    // gpt-4o-mini lists at $0.15 / $0.60 per 1M: 12 * 0.15 + 7 * 0.6 = 6 micro-dollars.
    const source = meteredSource(tenantId, { OPENAI_MODEL: 'gpt-4o-mini' });
    await updateTokenBudget(db, tenantId, { dailyTokens: 19, dailyCostUsd: 5 });
    await draft(source);
    expect(await getTokenBudget(db, tenantId)).toMatchObject({
      usedToday: 19,
      costTodayUsd: 0.000006,
      dailyCostUsd: 5,
    });
    await expect(draft(source)).rejects.toThrow(/daily AI token budget is exhausted: 19 of 19 tokens/);

    // Removing both caps deletes the budget row; usage stays counted.
    expect(await updateTokenBudget(db, tenantId, { dailyTokens: null, dailyCostUsd: null })).toMatchObject({
      dailyTokens: null,
      dailyCostUsd: null,
      usedToday: 19,
    });
    expect(await db.query(`SELECT 1 FROM ai_token_budgets WHERE tenant_id = $1`, [tenantId])).toEqual([]);
  }, 60_000);
});
