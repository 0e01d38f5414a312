import { createCrmFixture } from '../crm/crm-fixture';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';

describe('GDPR export and erasure', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  const admin = () => ({ user: tenant.users.admin });

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'gdpr tenant');
  });
  afterAll(() => api?.stop());

  it('exports everything about one contact', async () => {
    const fx = await createCrmFixture(api.db, tenant.users.admin, tenant.users.sales_rep.userId!);
    await call(api, admin(), 'PATCH', `/contacts/${fx.contactId}`, { lifecycleStage: 'customer' });
    const { status, body } = await call<Record<string, Array<Record<string, unknown>>> & { contact: { id: string } }>(
      api,
      admin(),
      'GET',
      `/contacts/${fx.contactId}/gdpr-export`,
    );
    expect(status).toBe(200);
    expect(body.contact).toMatchObject({ id: fx.contactId, lifecycleStage: 'customer' });
    expect(body.timeline!.map((e) => e.kind).sort()).toEqual(['note', 'stage_changed', 'task']);
    expect(body.notes).toEqual([expect.objectContaining({ id: fx.noteId, body: 'fixture note' })]);
    expect(body.tasks).toEqual([expect.objectContaining({ id: fx.taskId })]);
    expect(body.deals).toEqual([expect.objectContaining({ id: fx.dealId })]);
    expect(body.auditLog!.map((e) => [e.entity, e.action])).toEqual([
      ['contact', 'create'],
      ['note', 'create'],
      ['contact', 'update'],
    ]);
    expect(body.flowRuns).toEqual([]);
  });

  it('erases the contact, its timeline and notes in one go, leaving an audit entry without personal data', async () => {
    // A tenant of its own, so the log checks below see this contact's traces only.
    tenant = await createTestTenant(api.db, 'gdpr erase tenant');
    const fx = await createCrmFixture(api.db, tenant.users.admin, tenant.users.sales_rep.userId!);
    await call(api, admin(), 'PATCH', `/contacts/${fx.contactId}`, { lifecycleStage: 'customer' });
    const [{ email }] = (await api.db.query(`SELECT email FROM contacts WHERE id = $1`, [fx.contactId])) as [
      { email: string },
    ];

    const erased = await call(api, admin(), 'DELETE', `/contacts/${fx.contactId}/gdpr-erase`);
    expect(erased).toEqual({
      status: 200,
      body: {
        contactId: fx.contactId,
        removed: {
          timelineEntries: 3,
          notes: 1,
          messages: 0,
          approvals: 0,
          agentCheckpoints: 0,
          sinkMessages: 0,
          knowledgeVectors: 0,
        },
        unlinked: { tasks: 1, deals: 1 },
        anonymised: { messages: 0, messageEvents: 0, suppressions: 0, importRows: 0, tasks: 0, deals: 0 },
        redactedAuditEntries: 3,
        endedRuns: 0,
        shreddedPayloadKeys: 0,
      },
    });

    const left = async (table: string, column = 'contact_id') =>
      (
        (await api.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ${column} = $2`, [
          tenant.tenantId,
          fx.contactId,
        ])) as Array<{ n: number }>
      )[0]!.n;
    expect(await left('contacts', 'id')).toBe(0);
    expect(await left('timeline_entries')).toBe(0);
    expect(await left('notes')).toBe(0);
    expect(await left('tasks')).toBe(0);
    expect(await left('deals')).toBe(0);
    // The task and deal themselves stay; only the link goes.
    expect((await call(api, admin(), 'GET', `/tasks/${fx.taskId}`)).status).toBe(200);

    const audit = (await api.db.query(
      `SELECT action, before, after FROM audit_log WHERE tenant_id = $1 AND entity = 'contact' AND entity_id = $2 ORDER BY id`,
      [tenant.tenantId, fx.contactId],
    )) as Array<{ action: string; before: unknown; after: unknown }>;
    expect(audit.at(-1)).toEqual({
      action: 'erase',
      before: {
        erasure: 'gdpr',
        removed: {
          timelineEntries: 3,
          notes: 1,
          messages: 0,
          approvals: 0,
          agentCheckpoints: 0,
          sinkMessages: 0,
          knowledgeVectors: 0,
        },
        unlinked: { tasks: 1, deals: 1 },
        anonymised: { messages: 0, messageEvents: 0, suppressions: 0, importRows: 0, tasks: 0, deals: 0 },
      },
      after: null,
    });
    // Nothing personal survives in the audit log or the event log.
    const everything = JSON.stringify(
      await api.db.query(
        `SELECT a.before, a.after FROM audit_log a WHERE a.tenant_id = $1
         UNION ALL SELECT e.payload, NULL FROM domain_events e WHERE e.tenant_id = $1`,
        [tenant.tenantId],
      ),
    );
    expect(everything).not.toContain(email);
    expect(everything).not.toContain('fixture note');
    const event = (await api.db.query(
      `SELECT type, payload FROM domain_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT 1`,
      [tenant.tenantId, fx.contactId],
    )) as Array<{ type: string; payload: unknown }>;
    expect(event).toEqual([{ type: 'contact.deleted', payload: { erased: true } }]);

    expect((await call(api, admin(), 'GET', `/contacts/${fx.contactId}/gdpr-export`)).status).toBe(404);
    expect((await call(api, admin(), 'DELETE', `/contacts/${fx.contactId}/gdpr-erase`)).status).toBe(404);
  });
});
