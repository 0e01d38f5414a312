import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTokenBudget, updateTokenBudget, type DataSource } from '@cadenza/data';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { adminOfNewTenant } from '@cadenza/test-harness/flow-fixtures';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { createAiActivities } from '../ai-activities';
import { chatModelSourceOf, loadAiEnv } from '../chat-model-switch';
import { closeLocalEmbedder } from '../embedder-switch';

/**
 * The triage activity and the tenant's AI budget: the vendor path (a local server speaking the
 * OpenAI chat-completions wire format) counts its tokens and is refused once the budget is spent;
 * the offline classifier never touches the budget, spent or not.
 */
describe('triageReply and the AI budget', () => {
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
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: '{"intent":"out_of_office","confidence":0.4}' },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 150, completion_tokens: 10, total_tokens: 160 },
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
    await closeLocalEmbedder();
    await db?.destroy();
  });

  const activities = (env: Record<string, string>) => {
    const ai = loadAiEnv(env);
    return createAiActivities({ db, ai, egress: harnessEgress, chatModel: chatModelSourceOf(ai, harnessEgress) });
  };

  it('counts the vendor path against the budget, extracts the return date, and refuses once the budget is spent', async () => {
    const { tenantId } = await adminOfNewTenant(db, 'Triage budget');
    const vendor = activities({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: 'gpt-test' });
    await updateTokenBudget(db, tenantId, { dailyTokens: 300 });
    const answer = await vendor.triageReply({
      tenantId,
      text: 'Away until 14 January.',
      subject: 'Automatic reply',
      receivedAt: '2026-12-20T10:00:00Z',
    });
    expect(answer).toEqual({
      intent: 'out_of_office',
      confidence: 0.4,
      needsReview: true,
      returnDate: '2027-01-14',
      model: 'openai:gpt-test',
    });
    expect(await getTokenBudget(db, tenantId)).toMatchObject({ usedToday: 160, callsToday: 1 });
    await vendor.triageReply({ tenantId, text: 'Away until 14 January.' });
    const servedBefore = served;
    await expect(vendor.triageReply({ tenantId, text: 'Away until 14 January.' })).rejects.toMatchObject({
      type: 'AiBudgetExhausted',
      nonRetryable: true,
    });
    expect(served).toBe(servedBefore);
  }, 60_000);

  it('answers offline with a spent budget and counts nothing', async () => {
    const { tenantId } = await adminOfNewTenant(db, 'Triage offline');
    await updateTokenBudget(db, tenantId, { dailyTokens: 1 });
    const offline = activities({});
    const answer = await offline.triageReply({ tenantId, text: 'Please remove me from your mailing list.' });
    expect(answer).toMatchObject({
      intent: 'unsubscribe',
      model: expect.stringMatching(/^minilm-logreg@[0-9a-f]{8}$/),
    });
    expect(await getTokenBudget(db, tenantId)).toMatchObject({ usedToday: 0, callsToday: 0 });
  }, 60_000);

  it('cuts a very long reply to the size the triage reads, and refuses an empty one without retrying', async () => {
    const offline = activities({});
    const long = await offline.triageReply({
      tenantId: 't',
      // A long thread: the request, then 36,000 characters of quoted history.
      text: `Please remove me from your list.\n\n${'> an earlier message\n'.repeat(1_700)}`,
    });
    expect(long.intent).toBe('unsubscribe');
    await expect(offline.triageReply({ tenantId: 't', text: '   ' })).rejects.toMatchObject({
      type: 'InvalidTriageRequest',
      nonRetryable: true,
    });
  });
});
