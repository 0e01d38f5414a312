import { randomUUID } from 'node:crypto';
import { waitUntil } from '../../scripts/services/wait-until';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import type { SmokeRunView } from '@cadenza/core';
import { createApiKey } from '@cadenza/data';

describe('smoke run: API -> Temporal -> activity -> PostgreSQL -> API', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };

  beforeAll(async () => {
    platform = await startTestPlatform(`smoke-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db);
  });
  afterAll(() => platform?.stop());

  const api = (path: string, init: RequestInit = {}, apiKey = tenant.apiKey) =>
    fetch(`${platform.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...init.headers },
    });

  it('writes the row through an activity and lists the run in Temporal visibility with its search attributes', async () => {
    const message = `hello ${randomUUID()}`;
    const started = await api('/api/v1/smoke-runs', { method: 'POST', body: JSON.stringify({ message }) });
    expect(started.status).toBe(202);
    const { workflowId, temporalUiUrl } = (await started.json()) as { workflowId: string; temporalUiUrl: string };
    expect(workflowId.startsWith(`smoke:${tenant.tenantId}:`)).toBe(true);
    expect(temporalUiUrl).toContain(encodeURIComponent(workflowId));

    const view = await waitUntil('smoke run completed', async () => {
      const response = await api(`/api/v1/smoke-runs/${encodeURIComponent(workflowId)}`);
      const body = (await response.json()) as SmokeRunView;
      return body.status === 'COMPLETED' && body.record ? body : undefined;
    });
    expect(view.record).toMatchObject({ workflowId, tenantId: tenant.tenantId, message });
    expect(view.searchAttributes).toMatchObject({ TenantId: tenant.tenantId, RunKind: 'smoke' });

    const rows = await platform.db.query('SELECT message FROM smoke_runs WHERE workflow_id = $1', [workflowId]);
    expect(rows).toEqual([{ message }]);

    const listed = await waitUntil('run in visibility', async () => {
      const query = `TenantId = "${tenant.tenantId}" AND RunKind = "smoke" AND WorkflowId = "${workflowId}"`;
      for await (const execution of platform.temporal.workflow.list({ query })) return execution;
      return undefined;
    });
    expect(listed.status.name).toBe('COMPLETED');
    expect(listed.typedSearchAttributes.getAll().map((pair) => pair.key.name)).toEqual(
      expect.arrayContaining(['TenantId', 'RunKind']),
    );
  });

  it("does not show one tenant's run to another tenant", async () => {
    const started = await api('/api/v1/smoke-runs', { method: 'POST', body: JSON.stringify({ message: 'private' }) });
    const { workflowId } = (await started.json()) as { workflowId: string };
    const other = await createTenantWithKey(platform.db, 'Other tenant');
    const response = await api(`/api/v1/smoke-runs/${encodeURIComponent(workflowId)}`, {}, other.apiKey);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('rejects requests without a valid API key and names the problem', async () => {
    const missing = await fetch(`${platform.baseUrl}/api/v1/smoke-runs/x`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'unauthorized' });
    const forged = await api('/api/v1/smoke-runs/x', {}, 'cdz_not-a-real-key');
    expect(forged.status).toBe(401);
  });

  it('enforces the role of the key: a marketer key may not start smoke runs', async () => {
    const marketerKey = await createApiKey(platform.db, tenant.tenantId, 'marketer key', 'marketer');
    const response = await api(
      '/api/v1/smoke-runs',
      { method: 'POST', body: JSON.stringify({ message: 'x' }) },
      marketerKey,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'forbidden', message: expect.stringContaining('smoke:run') });
  });

  it('answers bad input with a 4xx JSON error naming the field, and starts nothing', async () => {
    // A tenant of its own, so runs other tests started cannot land rows while we count.
    const quiet = await createTenantWithKey(platform.db, 'Quiet tenant');
    const post = (body: string) => api('/api/v1/smoke-runs', { method: 'POST', body }, quiet.apiKey);
    const empty = await post(JSON.stringify({ message: '' }));
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as {
      code: string;
      message: string;
      details: { fields: Array<{ field: string }> };
    };
    expect(body.code).toBe('validation_failed');
    expect(body.details.fields[0]?.field).toBe('body.message');

    const broken = await post('{"message": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'invalid_json' });

    const huge = await post(JSON.stringify({ message: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);

    const rows = await platform.db.query('SELECT 1 FROM smoke_runs WHERE tenant_id = $1', [quiet.tenantId]);
    expect(rows).toHaveLength(0);
  });

  it('reports every service on /ready and serves the OpenAPI document', async () => {
    const ready = await fetch(`${platform.baseUrl}/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { status: string; services: Record<string, { ok: boolean }> };
    expect(report.status).toBe('ready');
    expect(Object.keys(report.services).sort()).toEqual(['postgres', 'redis', 'temporal']);

    const doc = (await (await fetch(`${platform.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/v1/smoke-runs');
  });
});
