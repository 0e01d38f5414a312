import { randomUUID } from 'node:crypto';
import { createApiKey, getRun } from '@cadenza/data';
import { leadScoringScheduleId } from '@cadenza/core';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, publishedFlow } from '@cadenza/test-harness/flow-fixtures';
import { seedLeadOutcomes } from '@cadenza/test-harness/lead-outcomes';

describe('lead scoring API', () => {
  let platform: TestPlatform;
  let tenantId: string;
  let keys: { admin: string; marketer: string; rep: string; ops: string; other: string };
  let leads: { hot: string; cold: string };
  let otherContact: string;

  beforeAll(async () => {
    platform = await startTestPlatform(`lead-scoring-${randomUUID()}`);
    const tenant = await createTenantWithKey(platform.db, 'Scoring');
    tenantId = tenant.tenantId;
    const other = await createTenantWithKey(platform.db, 'Other');
    keys = {
      admin: tenant.apiKey,
      marketer: await createApiKey(platform.db, tenantId, 'marketer', 'marketer'),
      rep: await createApiKey(platform.db, tenantId, 'rep', 'sales_rep'),
      ops: await createApiKey(platform.db, tenantId, 'ops', 'ops'),
      other: other.apiKey,
    };
    leads = await seedLeadOutcomes(platform.db, tenantId, 120);
    const [row] = (await platform.db.query(
      `INSERT INTO contacts (tenant_id, email) VALUES ($1, 'o@x.test') RETURNING id`,
      [other.tenantId],
    )) as Array<{ id: string }>;
    otherContact = row!.id;
  }, 180_000);
  afterAll(async () => {
    await platform?.temporal.schedule
      .getHandle(leadScoringScheduleId(tenantId))
      .delete()
      .catch(() => undefined);
    await platform?.stop();
  });

  const api = async (key: string, path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('refuses to score before a model exists, and to train without outcomes', async () => {
    const before = await api(keys.admin, '/ai/scoring/score', 'POST', { contactIds: [leads.hot] });
    expect(before.status).toBe(409);
    expect(before.body.message).toMatch(/no lead-scoring model/);
    const none = await api(keys.other, '/ai/scoring/train', 'POST', {});
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'insufficient_outcomes' });
    expect(none.body.message).toMatch(/found 0 positive and 0 negative/);
    expect((await api(keys.rep, '/ai/scoring/train', 'POST', {})).status).toBe(403);
    expect((await api(keys.ops, '/ai/scoring/train', 'POST', {})).status).toBe(403);
    const bad = await api(keys.admin, '/ai/scoring/train', 'POST', { outcome: 'vibes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('outcome');
  });

  it('trains versioned models with holdout metrics and a per-tenant retraining Schedule', async () => {
    const first = await api(keys.admin, '/ai/scoring/train', 'POST', { retrainEveryHours: 12 });
    expect(first.status).toBe(201);
    expect(first.body.model).toMatchObject({
      version: 1,
      outcome: 'deal_won',
      trainedBy: 'api',
      samples: { training: 96, holdout: 24 },
    });
    expect(first.body.model.metrics.auc).toBeGreaterThan(0.75);
    expect(first.body.model.metrics.reliability).toHaveLength(10);
    expect(first.body.schedule).toEqual({ id: leadScoringScheduleId(tenantId), everyHours: 12 });
    const schedule = await platform.temporal.schedule.getHandle(leadScoringScheduleId(tenantId)).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retrainLeadScoringWorkflow' });
    expect(schedule.spec.intervals?.[0]?.every).toBe(12 * 60 * 60 * 1000);

    expect((await api(keys.marketer, '/ai/scoring/train', 'POST', {})).body.model.version).toBe(2);
    // The Schedule's own run adds a version too.
    await platform.temporal.schedule.getHandle(leadScoringScheduleId(tenantId)).trigger();
    let versions: Array<{ version: number; trainedBy: string }> = [];
    for (let i = 0; i < 60 && versions.length < 3; i++) {
      versions = (await api(keys.ops, '/ai/scoring/models')).body.items;
      if (versions.length < 3) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(versions.map((v) => [v.version, v.trainedBy])).toEqual([
      [3, 'schedule'],
      [2, 'api'],
      [1, 'api'],
    ]);
    expect(JSON.stringify(versions)).not.toContain('weights');
    expect((await api(keys.other, '/ai/scoring/models')).body.items).toEqual([]);
  }, 120_000);

  it('scores contacts with explanations, only within the tenant and what the caller may see', async () => {
    const scored = await api(keys.ops, '/ai/scoring/score', 'POST', {
      contactIds: [leads.hot, leads.cold, otherContact],
    });
    expect(scored.status).toBe(200);
    expect(scored.body).toMatchObject({ modelVersion: 3, outcome: 'deal_won', missing: [otherContact] });
    const [hot, cold] = scored.body.items;
    expect(hot.contactId).toBe(leads.hot);
    expect(hot.score).toBeGreaterThan(cold.score + 30);
    expect(hot.contributions.length).toBeGreaterThan(0);
    expect(hot.contributions.map((c: { feature: string }) => c.feature)).toEqual(
      expect.arrayContaining(['senior_title']),
    );
    expect(hot.explanation).toMatch(/top contributions/);
    // A sales rep owns none of these contacts, so sees no scores.
    const rep = await api(keys.rep, '/ai/scoring/score', 'POST', { contactIds: [leads.hot] });
    expect(rep.body).toMatchObject({ items: [], missing: [leads.hot] });
    const invalid = await api(keys.ops, '/ai/scoring/score', 'POST', { contactIds: ['nope'] });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('contactIds');
  });

  it('score_lead uses the trained model and explains the stored score by its contributions', async () => {
    const principal = { tenantId, userId: null, role: 'admin' as const, via: 'api_key' as const };
    const flow = await publishedFlow(
      platform.db,
      principal,
      flowOf(
        [{ id: 'score', type: 'score_lead', settings: { method: 'ai', criteria: 'unused with a model' } }],
        [['start', 'score']],
      ),
    );
    const enrollmentId = randomUUID();
    const handle = await platform.temporal.workflow.start('flowRunWorkflow', {
      taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
      workflowId: `lead-scoring-flow-${enrollmentId}`,
      args: [
        {
          tenantId,
          flowId: flow.flowId,
          flowVersion: flow.version,
          flowName: 'Score',
          contactId: leads.hot,
          enrollmentId,
          definition: flow.definition,
          testMode: false,
          startedAt: new Date().toISOString(),
        },
      ],
    });
    await handle.result();
    const step = (await getRun(platform.db, tenantId, enrollmentId)).steps.find((s) => s.nodeId === 'score')!;
    expect(step.result).toMatchObject({ method: 'model', modelVersion: 3, outcome: 'deal_won' });
    const result = step.result as { score: number; explanation: string };
    const contactScore = await api(keys.admin, `/contacts/${leads.hot}/score`);
    expect(contactScore.body).toMatchObject({ score: result.score, enrollmentId });
    expect(contactScore.body.explanation).toBe(result.explanation);
    expect(result.explanation).toMatch(/^P=0\.\d\d; top contributions/);
  }, 60_000);
});
