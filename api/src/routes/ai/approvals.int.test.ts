import { randomUUID } from 'node:crypto';
import { sideEffectKey, type Principal } from '@cadenza/core';
import { closeLocalModel } from '@cadenza/activities';
import { createApiKey, findSinkMessages, listDomainEventsAfter, type DataSource } from '@cadenza/data';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/**
 * The approvals inbox end to end on the real Temporal server, PostgreSQL, SMTP sink and local
 * model: an agent chain drafts, the run waits, ops can read but not decide, another tenant sees
 * nothing, a marketer edits and approves, and the edited email is sent exactly once.
 */
describe('approvals API', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;
  let keys: { marketer: string; ops: string; salesRep: string; otherTenant: string };

  beforeAll(async () => {
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('approvals'));
    const db: DataSource = platform.db;
    keys = {
      marketer: await createApiKey(db, tenant.tenantId, 'marketer', 'marketer'),
      ops: await createApiKey(db, tenant.tenantId, 'ops', 'ops'),
      salesRep: await createApiKey(db, tenant.tenantId, 'rep', 'sales_rep'),
      otherTenant: (await createTenantWithKey(db, 'Other tenant')).apiKey,
    };
    // The workspace sends from Sam's mailbox: the drafts are signed by the person the email comes from.
    const mailbox = await api('/mailboxes', {
      method: 'POST',
      body: {
        kind: 'smtp',
        name: 'Sam',
        fromAddress: `sam-${randomUUID()}@acme.test`,
        fromName: 'Sam Sales',
        host: '127.0.0.1',
        port: Number(process.env.SMTP_SINK_PORT),
        isDefault: true,
        perMinuteLimit: 1000,
      },
    });
    expect(mailbox.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await stop?.();
    // The in-process worker started the local model host; it would keep jest alive.
    await closeLocalModel();
  });

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  async function enrollInAgentFlow() {
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: `Agent outreach ${randomUUID()}`,
        kind: 'agent',
        draft: flowOf(
          [
            {
              id: 'agent',
              type: 'ai_agent',
              settings: { instructions: 'Invite {{contact.firstName}} to a demo', draftMaxTokens: 60 },
            },
            { id: 'after', type: 'add_tag', settings: { tag: 'emailed' } },
          ],
          [
            ['start', 'agent'],
            ['agent', 'after'],
          ],
        ),
      },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    const email = `${randomUUID()}@example.com`;
    const contactId = await newContact(platform.db, admin, { firstName: 'Grace', email });
    const enrolled = await api(`/flows/${created.body.id}/enrollments`, {
      method: 'POST',
      body: { contactIds: [contactId] },
    });
    expect(enrolled.body.items[0]).toMatchObject({ status: 'started' });
    return { flowId: created.body.id as string, contactId, email, enrollmentId: enrolled.body.items[0].enrollmentId };
  }

  it('lists the draft for ops and marketers, lets only marketers decide, and sends the edit once', async () => {
    const { flowId, contactId, email, enrollmentId } = await enrollInAgentFlow();
    const pending = await waitUntil(
      'the draft in the inbox',
      async () =>
        ((await api('/approvals', { key: keys.ops })).body?.items ?? []).find(
          (item: { enrollmentId: string }) => item.enrollmentId === enrollmentId,
        ),
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    expect(pending).toMatchObject({
      status: 'pending',
      flow: { id: flowId },
      contact: { id: contactId, name: 'Grace Lovelace', email },
      sent: null,
    });
    expect(pending.draft.subject.length).toBeGreaterThan(0);
    // Every stored draft passed the quality gate: the model's own, or the template when it could not.
    expect(pending.review).toMatchObject({ verdict: { pass: true, failures: [] } });
    expect(['model', 'template']).toContain(pending.review.origin);
    expect(pending.draft.body.trim()).toMatch(/\nSam Sales$/);
    // The draft is stored by the agent's activity; the run's projection says "waiting" once
    // the workflow has taken that activity's result, a moment later.
    const run = await waitUntil(
      'the run waiting at the agent',
      async () => {
        const answer = await api(`/runs/${enrollmentId}`);
        return answer.body?.status === 'waiting' ? answer : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(run.body).toMatchObject({ status: 'waiting', currentNodeId: 'agent' });

    // RBAC: ops reads but may not decide; a sales rep may not even read.
    expect((await api(`/approvals/${pending.id}/approve`, { method: 'POST', body: {}, key: keys.ops })).status).toBe(
      403,
    );
    expect((await api('/approvals', { key: keys.salesRep })).status).toBe(403);
    // Tenant isolation: another tenant neither sees nor decides it.
    expect((await api('/approvals', { key: keys.otherTenant })).body.items).toEqual([]);
    expect((await api(`/approvals/${pending.id}`, { key: keys.otherTenant })).status).toBe(404);
    expect(
      (await api(`/approvals/${pending.id}/reject`, { method: 'POST', body: {}, key: keys.otherTenant })).status,
    ).toBe(404);
    // Validation names the field.
    const invalid = await api(`/approvals/${pending.id}/approve`, {
      method: 'POST',
      body: { draft: { subject: '', body: 'x' } },
      key: keys.marketer,
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('draft.subject');

    // A draft that failed the gate is not sent as it is. The fallback makes every draft the chain stores
    // pass, so the test marks this one failed the way an older or unusual record's draft would be.
    await platform.db.query(`UPDATE ai_approvals SET draft_review = $2::jsonb WHERE id = $1`, [
      pending.id,
      JSON.stringify({
        origin: 'model',
        modelAttempts: 2,
        verdict: {
          pass: false,
          failures: [{ code: 'subject_job_title', message: 'The subject "CEO" is only a job title.' }],
        },
      }),
    ]);
    const unchanged = await api(`/approvals/${pending.id}/approve`, { method: 'POST', body: {}, key: keys.marketer });
    expect(unchanged.status).toBe(422);
    expect(unchanged.body).toMatchObject({
      code: 'draft_failed_checks',
      details: { failures: [{ code: 'subject_job_title' }] },
    });
    expect(unchanged.body.message).toContain('edit it first');
    // An edit is checked again against the record: a name the record does not hold is refused too.
    const invented = await api(`/approvals/${pending.id}/approve`, {
      method: 'POST',
      body: {
        draft: {
          subject: 'A quick demo, Grace?',
          body: 'Hi Grace,\n\nJennifer from Globex told me you might like a demo.',
        },
      },
      key: keys.marketer,
    });
    expect(invented.status).toBe(422);
    expect(invented.body.details.failures.map((f: { code: string }) => f.code)).toEqual(['invented_name']);

    const edited = { subject: 'A quick demo, Grace?', body: 'Hi Grace,\n\nWould a 20 minute demo next week suit you?' };
    const approved = await api(`/approvals/${pending.id}/approve`, {
      method: 'POST',
      body: { draft: edited },
      key: keys.marketer,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', sent: edited, decidedBy: { kind: 'api_key' } });
    // A second decision is refused: the first one stands.
    expect(
      (await api(`/approvals/${pending.id}/reject`, { method: 'POST', body: {}, key: keys.marketer })).status,
    ).toBe(409);

    const ended = await waitUntil(
      'the run after approval',
      async () => {
        const found = (await api(`/runs/${enrollmentId}`)).body;
        return found?.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(ended.steps.map((step: { nodeId: string; output: string }) => [step.nodeId, step.output])).toEqual([
      ['agent', 'next'],
      ['after', 'next'],
    ]);

    // Exactly one message, with the edited text, under the step's key, and one SMTP delivery of it.
    const messages = (await platform.db.query(
      `SELECT idempotency_key, subject, html, rfc_message_id FROM messages WHERE tenant_id = $1 AND contact_id = $2`,
      [tenant.tenantId, contactId],
    )) as Array<{ idempotency_key: string; subject: string; html: string; rfc_message_id: string }>;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      idempotency_key: sideEffectKey(enrollmentId, 'agent', 1),
      subject: edited.subject,
    });
    expect(messages[0]!.html).toContain('Would a 20 minute demo next week suit you?');
    expect(await findSinkMessages(platform.db, messages[0]!.rfc_message_id)).toHaveLength(1);

    // Timeline, audit log and live events record the decision.
    const timeline = (await api(`/contacts/${contactId}/timeline`)).body.items.map(
      (e: { summary: string }) => e.summary,
    );
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AI agent drafted/),
        'An API key edited and approved the AI draft',
      ]),
    );
    const audit = (await api(`/audit-log?entity=approval&entityId=${pending.id}`)).body.items;
    expect(audit).toEqual([
      expect.objectContaining({ action: 'update', before: expect.objectContaining({ status: 'pending' }) }),
    ]);
    const events = await listDomainEventsAfter(platform.db.manager, tenant.tenantId, 0, 10_000);
    expect(events.filter((e) => e.subjectId === pending.id).map((e) => e.type)).toEqual([
      'approval.requested',
      'approval.decided',
    ]);
    expect(
      (await api(`/approvals?status=approved`, { key: keys.ops })).body.items.map((a: { id: string }) => a.id),
    ).toContain(pending.id);
  }, 300_000);
});
