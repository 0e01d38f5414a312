import { randomUUID } from 'node:crypto';
import type { Import, ImportRowError } from '@cadenza/core';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';

jest.setTimeout(60_000);

describe('CSV import (workflow on a real Temporal, real PostgreSQL)', () => {
  let platform: TestPlatform;
  let tenantId: string;
  let apiKey: string;

  const request = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  /** Starts an import and waits for its workflow to finish. */
  const runImport = async (csv: string, mapping?: Record<string, string | null>) => {
    const started = await request<Import>('POST', '/imports', { csv, mapping, fileName: 'contacts.csv' });
    expect(started.status).toBe(201);
    const handle = platform.temporal.workflow.getHandle(started.body.workflowId);
    await handle.result();
    const done = await request<Import>('GET', `/imports/${started.body.id}`);
    const errors = await request<{ items: ImportRowError[] }>('GET', `/imports/${started.body.id}/errors`);
    return {
      started: started.body,
      imported: done.body,
      errors: errors.body.items,
      progress: await handle.query('progress'),
    };
  };

  const contactsByEmail = async (email: string) =>
    (await platform.db.query(
      `SELECT first_name, last_name, email, phone, title, company_name, lifecycle_stage, lead_status, source, tags, score
       FROM contacts WHERE tenant_id = $1 AND lower(email) = lower($2)`,
      [tenantId, email],
    )) as Array<Record<string, unknown>>;

  beforeAll(async () => {
    platform = await startTestPlatform(`crm-import-${randomUUID()}`);
    ({ tenantId, apiKey } = await createTenantWithKey(platform.db, 'import tenant'));
  });
  afterAll(() => platform?.stop());

  const hubspot = [
    'First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lifecycle Stage,Lead Status,Favourite Colour',
    'Ada,Lovelace,ada@example.com,+44 20 7946 0000,Analytical Engines,Mathematician,Marketing Qualified Lead,New,blue',
    'Grace,Hopper,grace@example.com,,Navy,Rear Admiral,Customer,Connected,',
    'Bad,Email,not-an-email,,,,Lead,,',
    '"Alan, Mathison",Turing,alan@example.com,,Analytical Engines,,Lead,In Progress,',
    'No,Email,,,,,,,',
    'Weird,Stage,weird@example.com,,,,Prospect,,',
    'Katherine,Johnson,katherine@example.com,,NASA,,Opportunity,Open Deal,',
  ].join('\n');

  it('keeps good rows and reports bad ones with line and reason, then re-import updates', async () => {
    const first = await runImport(hubspot);
    expect(first.started.mapping).toMatchObject({
      'First Name': 'firstName',
      Email: 'email',
      'Phone Number': 'phone',
      'Company Name': 'companyName',
      'Job Title': 'title',
      'Lifecycle Stage': 'lifecycleStage',
      'Lead Status': 'leadStatus',
      'Favourite Colour': null,
    });
    expect(first.imported).toMatchObject({
      status: 'completed',
      counts: { total: 7, done: 7, created: 4, updated: 0, failed: 3 },
    });
    expect(first.progress).toEqual(first.imported.counts);
    expect(first.errors).toEqual([
      {
        line: 4,
        email: 'not-an-email',
        reason: expect.stringMatching(/^email: /),
        row: expect.objectContaining({ 'First Name': 'Bad', Email: 'not-an-email', 'Lifecycle Stage': 'Lead' }),
      },
      { line: 6, email: null, reason: 'email: is required', row: expect.objectContaining({ 'First Name': 'No' }) },
      {
        line: 7,
        email: 'weird@example.com',
        reason: expect.stringMatching(/^lifecycleStage: /),
        row: expect.objectContaining({ 'Lifecycle Stage': 'Prospect' }),
      },
    ]);
    expect(first.imported.progress).toBe(1);
    expect(await contactsByEmail('ada@example.com')).toEqual([
      expect.objectContaining({
        first_name: 'Ada',
        phone: '+44 20 7946 0000',
        title: 'Mathematician',
        company_name: 'Analytical Engines',
        lifecycle_stage: 'marketing_qualified_lead',
        lead_status: 'new',
      }),
    ]);
    expect(await contactsByEmail('alan@example.com')).toEqual([
      expect.objectContaining({ first_name: 'Alan, Mathison', company_name: 'Analytical Engines' }),
    ]);
    // One company per name, shared by the rows that name it.
    const companies = (await platform.db.query(
      `SELECT count(*)::int AS n FROM companies WHERE tenant_id = $1 AND name = 'Analytical Engines'`,
      [tenantId],
    )) as Array<{ n: number }>;
    expect(companies[0]!.n).toBe(1);
    // Written by the workflow, with progress and completion events.
    const audit = (await platform.db.query(
      `SELECT DISTINCT actor_kind, actor_id FROM audit_log WHERE tenant_id = $1 AND entity = 'contact'`,
      [tenantId],
    )) as Array<{ actor_kind: string; actor_id: string }>;
    expect(audit).toEqual([{ actor_kind: 'workflow', actor_id: first.started.workflowId }]);
    const events = (await platform.db.query(
      `SELECT type, payload FROM domain_events WHERE tenant_id = $1 AND subject = 'import' AND subject_id = $2 ORDER BY seq`,
      [tenantId, first.started.id],
    )) as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(events.map((e) => e.type)).toEqual(['import.progress', 'import.completed']);
    expect(events[1]!.payload).toMatchObject({ status: 'completed', created: 4, failed: 3 });

    // The same file again, with one change: updates, no duplicates.
    const second = await runImport(hubspot.replace('Mathematician,Marketing Qualified Lead', 'Countess,Customer'));
    expect(second.imported.counts).toEqual({ total: 7, done: 7, created: 0, updated: 4, failed: 3 });
    expect(await contactsByEmail('ada@example.com')).toEqual([
      expect.objectContaining({ title: 'Countess', lifecycle_stage: 'customer' }),
    ]);
    const total = (await platform.db.query(`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1`, [
      tenantId,
    ])) as Array<{ n: number }>;
    expect(total[0]!.n).toBe(4);
  });

  it('maps Salesforce export headers automatically, sent as a text/csv body', async () => {
    const csv = [
      'FirstName,LastName,Email,Title,Phone,Company,LeadSource,Status',
      'Marc,Benioff,marc@sf.example.com,CEO,415-555-0100,Salesforce,Web,Open - Not Contacted',
    ].join('\r\n');
    const preview = await request('POST', '/imports/preview', csv, 'text/csv');
    expect(preview.body).toMatchObject({
      columns: ['FirstName', 'LastName', 'Email', 'Title', 'Phone', 'Company', 'LeadSource', 'Status'],
      mapping: {
        FirstName: 'firstName',
        LastName: 'lastName',
        Email: 'email',
        Title: 'title',
        Phone: 'phone',
        Company: 'companyName',
        LeadSource: 'source',
        Status: 'leadStatus',
      },
      rows: 1,
    });
    const started = await request<Import>('POST', '/imports?fileName=leads.csv', csv, 'text/csv');
    expect(started.status).toBe(201);
    await platform.temporal.workflow.getHandle(started.body.workflowId).result();
    expect(await contactsByEmail('marc@sf.example.com')).toEqual([
      expect.objectContaining({
        first_name: 'Marc',
        title: 'CEO',
        phone: '415-555-0100',
        company_name: 'Salesforce',
        source: 'Web',
        lead_status: 'open',
      }),
    ]);
  });

  it('takes a mapping chosen by the user, and refuses one naming a missing column', async () => {
    const csv = 'Correo,Nombre,Etiquetas,Puntos\nlucia@example.es,Lucía,vip;es,77\n';
    const { imported } = await runImport(csv, {
      Correo: 'email',
      Nombre: 'firstName',
      Etiquetas: 'tags',
      Puntos: 'score',
    });
    expect(imported.counts).toMatchObject({ created: 1, failed: 0 });
    expect(await contactsByEmail('lucia@example.es')).toEqual([
      expect.objectContaining({ first_name: 'Lucía', tags: ['vip', 'es'], score: 77 }),
    ]);
    const unknown = await request('POST', '/imports', { csv, mapping: { Correo: 'email', Nope: 'title' } });
    expect(unknown).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'mapping.Nope' }] } } });
    const noEmail = await request('POST', '/imports', { csv: 'Nombre\nX\n' });
    expect(noEmail).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'mapping' }] } } });
  });

  it('rejects a malformed CSV with the line number and imports nothing', async () => {
    const count = async () =>
      (
        (await platform.db.query(`SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1`, [tenantId])) as Array<{
          n: number;
        }>
      )[0]!.n;
    const before = await count();
    const wrongColumns = await request('POST', '/imports', { csv: 'Email,Name\na@x.io,A\nb@x.io\nc@x.io,C\n' });
    expect(wrongColumns).toMatchObject({ status: 400, body: { code: 'malformed_csv', details: { line: 3 } } });
    expect(wrongColumns.body.message).toMatch(/line 3/);
    const unclosed = await request('POST', '/imports', 'Email,Name\na@x.io,"A\nb@x.io,B\n', 'text/csv');
    expect(unclosed).toMatchObject({
      status: 400,
      body: { code: 'malformed_csv', details: { line: expect.any(Number) } },
    });
    expect(await count()).toBe(before);
    expect(await contactsByEmail('a@x.io')).toEqual([]);
  });

  it('refuses a CSV body over the size limit', async () => {
    const big = `Email\n${'x'.repeat(21 * 1024 * 1024)}\n`;
    expect((await request('POST', '/imports', big, 'text/csv')).status).toBe(413);
  });
});
