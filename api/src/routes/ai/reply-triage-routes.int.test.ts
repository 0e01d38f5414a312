import { randomUUID } from 'node:crypto';
import { getTokenBudget } from '@cadenza/data';
import { currentReplyTriageModel } from '@cadenza/services/ai';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { closeLocalEmbedder } from '../../../../activities/src/ai/embedder-switch';

/**
 * POST /api/v1/ai/reply-triage through the real API, Temporal and worker: the worker's triage
 * activity runs the committed offline model with the local MiniLM embedder (no vendor key here).
 */
jest.setTimeout(120_000);

describe('reply triage API', () => {
  let platform: TestPlatform;
  let tenantId: string;
  let key: string;
  const model = currentReplyTriageModel();

  beforeAll(async () => {
    platform = await startTestPlatform(`reply-triage-${randomUUID()}`);
    ({ tenantId, apiKey: key } = await createTenantWithKey(platform.db, 'Triage'));
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await closeLocalEmbedder();
  });

  const triage = async (body: unknown, apiKey: string | null = key) => {
    const response = await fetch(`${platform.baseUrl}/api/v1/ai/reply-triage`, {
      method: 'POST',
      headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('reads an out-of-office reply and its return date, counted from when it arrived', async () => {
    const answer = await triage({
      text: 'Thank you for your email. I am out of the office until Monday, 12 January, with limited access to email.\n\n-- \nAnna Keller',
      subject: 'Automatic reply: Quick question',
      receivedAt: '2026-12-22T09:00:00Z',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      intent: 'out_of_office',
      returnDate: '2027-01-12',
      needsReview: false,
      model: `${model.name}@${model.version}`,
    });
    expect(answer.body.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('reads who a wrong-person reply points to, and ignores the quoted sales email', async () => {
    const answer = await triage({
      text: 'I left the company in June. Please contact Jane Smith, jane.smith@acme.io, instead.\n\nOn Tue, Nov 4, 2026 at 9:14 AM Sam Sales <sam@cadenza.example> wrote:\n> Would you be interested in a demo?',
      subject: 'Re: Quick question',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      intent: 'wrong_person',
      referral: { name: 'Jane Smith', email: 'jane.smith@acme.io' },
    });
  });

  it('answers an unsubscribe request without touching the AI budget (the offline path costs no tokens)', async () => {
    const answer = await triage({ text: 'Please remove me from your mailing list.' });
    expect(answer.body).toMatchObject({ intent: 'unsubscribe' });
    expect(answer.body).not.toHaveProperty('returnDate');
    expect((await getTokenBudget(platform.db, tenantId)).usedToday).toBe(0);
  });

  it('refuses bad input with a 400 naming the field, and callers without a key with a 401', async () => {
    const missing = await triage({ subject: 'hi' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields).toEqual([expect.objectContaining({ field: 'body.text' })]);
    const badDate = await triage({ text: 'back Monday', receivedAt: 'yesterday' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toMatch(/body\.receivedAt/);
    const extra = await triage({ text: 'hi', intent: 'interested' });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/intent/);
    const tooLong = await triage({ text: 'x'.repeat(20_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/body\.text/);
    expect((await triage({ text: 'hi' }, null)).status).toBe(401);
  });

  it('is in the OpenAPI document with its request and answer', async () => {
    const document = (await (await fetch(`${platform.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.paths['/api/v1/ai/reply-triage']?.post).toMatchObject({ tags: ['ai'] });
  });
});
