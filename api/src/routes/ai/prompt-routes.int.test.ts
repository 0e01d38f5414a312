import { randomUUID } from 'node:crypto';
import { createApiKey } from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';

/** Tenant prompts and token budgets over HTTP: versioning, immutability, RBAC and tenant isolation. */
describe('AI prompts and budget API', () => {
  let platform: TestPlatform;
  let keys: { admin: string; marketer: string; ops: string; other: string };

  beforeAll(async () => {
    platform = await startTestPlatform(`ai-prompts-${randomUUID()}`);
    const tenant = await createTenantWithKey(platform.db, 'Prompts');
    keys = {
      admin: tenant.apiKey,
      marketer: await createApiKey(platform.db, tenant.tenantId, 'marketer', 'marketer'),
      ops: await createApiKey(platform.db, tenant.tenantId, 'ops', 'ops'),
      other: (await createTenantWithKey(platform.db, 'Other')).apiKey,
    };
  }, 120_000);
  afterAll(() => platform?.stop());

  const api = async (key: string, path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('versions prompts per tenant; marketers write, ops read', async () => {
    const first = await api(keys.marketer, '/ai/prompts/follow-up/versions', 'POST', { template: 'v1 text' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'follow-up', version: 1, template: 'v1 text' });
    const second = await api(keys.marketer, '/ai/prompts/follow-up/versions', 'POST', {
      system: 'Be brief.',
      template: 'v2 text',
      notes: 'shorter',
    });
    expect(second.body).toMatchObject({ version: 2, system: 'Be brief.', notes: 'shorter' });

    expect((await api(keys.ops, '/ai/prompts/follow-up/versions', 'POST', { template: 'x' })).status).toBe(403);
    const listed = await api(keys.ops, '/ai/prompts');
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'follow-up', version: 2 })]);
    const versions = await api(keys.ops, '/ai/prompts/follow-up/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await api(keys.ops, '/ai/prompts/follow-up/versions/1')).body.template).toBe('v1 text');

    // Another tenant sees none of it; bad names and empty templates are 400s naming the field.
    expect((await api(keys.other, '/ai/prompts')).body.items).toEqual([]);
    expect((await api(keys.other, '/ai/prompts/follow-up/versions')).status).toBe(404);
    const badName = await api(keys.marketer, '/ai/prompts/Bad%20Name/versions', 'POST', { template: 'x' });
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body)).toContain('name');
    const empty = await api(keys.marketer, '/ai/prompts/follow-up/versions', 'POST', { template: '  ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('template');

    // Versions are immutable in the database itself.
    await expect(
      platform.db.query(`UPDATE ai_prompts SET template = 'changed' WHERE name = 'follow-up'`),
    ).rejects.toThrow(/immutable/);
  });

  it('lets only admins set the daily token budget', async () => {
    expect((await api(keys.marketer, '/ai/budget', 'PUT', { dailyTokens: 1000 })).status).toBe(403);
    const set = await api(keys.admin, '/ai/budget', 'PUT', { dailyTokens: 1000 });
    expect(set.body).toEqual({ dailyTokens: 1000, usedToday: 0, callsToday: 0, dailyCostUsd: null, costTodayUsd: 0 });
    expect((await api(keys.ops, '/ai/budget')).body.dailyTokens).toBe(1000);
    expect((await api(keys.other, '/ai/budget')).body.dailyTokens).toBeNull();
    expect((await api(keys.admin, '/ai/budget', 'PUT', { dailyTokens: -1 })).status).toBe(400);
    expect((await api(keys.admin, '/ai/budget', 'PUT', { dailyTokens: null })).body.dailyTokens).toBeNull();
  });

  it('lets only admins set the daily cost budget, beside the token one', async () => {
    expect((await api(keys.marketer, '/ai/budget', 'PUT', { dailyCostUsd: 5 })).status).toBe(403);
    await api(keys.admin, '/ai/budget', 'PUT', { dailyTokens: 2000 });
    // A cost-only update keeps the token cap; null removes only the cap it names.
    const set = await api(keys.admin, '/ai/budget', 'PUT', { dailyCostUsd: 2.5 });
    expect(set.body).toMatchObject({ dailyTokens: 2000, dailyCostUsd: 2.5, costTodayUsd: 0 });
    expect((await api(keys.ops, '/ai/budget')).body.dailyCostUsd).toBe(2.5);
    expect((await api(keys.other, '/ai/budget')).body.dailyCostUsd).toBeNull();
    const negative = await api(keys.admin, '/ai/budget', 'PUT', { dailyCostUsd: -0.01 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('dailyCostUsd');
    const empty = await api(keys.admin, '/ai/budget', 'PUT', {});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('dailyCostUsd');
    expect((await api(keys.admin, '/ai/budget', 'PUT', { dailyTokens: null })).body).toMatchObject({
      dailyTokens: null,
      dailyCostUsd: 2.5,
    });
    expect((await api(keys.admin, '/ai/budget', 'PUT', { dailyCostUsd: null })).body).toMatchObject({
      dailyTokens: null,
      dailyCostUsd: null,
    });
  });
});
