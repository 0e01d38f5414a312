import { randomUUID } from 'node:crypto';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';

describe('GET /api/v1/ai/model', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(`ai-model-${randomUUID()}`);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('tells a signed-in caller which provider and model serve the AI steps', async () => {
    const tenant = await createTenantWithKey(platform.db);
    const response = await fetch(`${platform.baseUrl}/api/v1/ai/model`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { provider: string; model: string };
    // The test environment sets no vendor key, so the default local model is the active one.
    expect(body).toMatchObject({ provider: process.env.OPENAI_API_KEY ? 'openai' : 'local' });
    expect(body.model.length).toBeGreaterThan(0);
    expect((await fetch(`${platform.baseUrl}/api/v1/ai/model`)).status).toBe(401);
  });
});
