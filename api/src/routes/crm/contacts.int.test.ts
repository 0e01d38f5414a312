import { listDomainEventsAfter } from '@cadenza/data';
import type { AuditEntry, Company, Contact, Page, TimelineEntry } from '@cadenza/core';
import { call, createTestTenant, startCrmTestApi, type CrmTestApi, type TestTenant } from './crm-test-api.test-support';

describe('contacts and companies over HTTP', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let admin: { apiKey: string };

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db);
    admin = { apiKey: tenant.keys.admin };
  });
  afterAll(() => api?.stop());

  const post = <T = Contact>(path: string, body: unknown) => call<T>(api, admin, 'POST', path, body);
  const get = <T>(path: string) => call<T>(api, admin, 'GET', path);

  it('creates, reads, patches and deletes a contact, with audit, events and timeline', async () => {
    const company = await post<Company>('/companies', { name: 'Acme Rockets' });
    expect(company.status).toBe(201);
    const created = await post('/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      companyId: company.body.id,
      tags: ['vip', 'vip', 'beta'],
      timezone: 'Europe/London',
      score: 40,
      lifecycleStage: 'lead',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ companyName: 'Acme Rockets', tags: ['vip', 'beta'], score: 40 });
    const id = created.body.id;

    const patched = await call<Contact>(api, admin, 'PATCH', `/contacts/${id}`, {
      title: 'Countess',
      phone: null,
      lifecycleStage: 'customer',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ firstName: 'Ada', title: 'Countess', lifecycleStage: 'customer' });
    expect((await get<Contact>(`/contacts/${id}`)).body.title).toBe('Countess');

    const timeline = await get<Page<TimelineEntry>>(`/contacts/${id}/timeline`);
    expect(timeline.body.items).toEqual([
      expect.objectContaining({
        kind: 'stage_changed',
        data: { field: 'lifecycleStage', from: 'lead', to: 'customer' },
      }),
    ]);

    const audit = await get<Page<AuditEntry>>(`/audit-log?entity=contact&entityId=${id}`);
    expect(audit.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(audit.body.items[0]).toMatchObject({
      // The key that made the change, by its id (never its secret).
      actor: { kind: 'api_key', id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      before: expect.objectContaining({ title: null, lifecycleStage: 'lead' }),
      after: expect.objectContaining({ title: 'Countess', lifecycleStage: 'customer' }),
    });

    expect((await call(api, admin, 'DELETE', `/contacts/${id}`)).status).toBe(204);
    expect((await get(`/contacts/${id}`)).status).toBe(404);
    const events = await listDomainEventsAfter(api.db.manager, tenant.tenantId, 0);
    const mine = events.filter((e) => e.subjectId === id).map((e) => [e.type, e.payload]);
    expect(mine).toEqual([
      ['contact.created', { email: 'Ada@Example.com' }],
      ['contact.updated', { fields: ['title', 'lifecycleStage'] }],
      ['contact.deleted', { ownerId: null }],
    ]);
  });

  it('refuses a second contact with the same email in any case, naming the field', async () => {
    expect((await post('/contacts', { email: 'dup@example.com' })).status).toBe(201);
    const dup = await post('/contacts', { email: 'DUP@example.com' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ details: { fields: [{ field: 'body.email' }] } });
  });

  it('pages through every contact exactly once with each sort', async () => {
    const { tenantId, keys } = await createTestTenant(api.db, 'paging');
    const key = { apiKey: keys.admin };
    for (let i = 0; i < 23; i++) {
      const r = await call(api, key, 'POST', '/contacts', {
        lastName: i % 3 === 0 ? null : `Name${i % 5}`,
        email: i % 4 === 0 ? null : `p${i}@x.io`,
        score: i % 7,
      });
      expect(r.status).toBe(201);
    }
    for (const sort of ['createdAt:desc', 'createdAt:asc', 'score:desc', 'score:asc', 'lastName:asc', 'email:desc']) {
      const seen: Contact[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/contacts?limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { status: number; body: Page<Contact> } = await call<Page<Contact>>(api, key, 'GET', q);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen.map((c) => c.id)).size).toBe(23);
      if (sort.startsWith('score')) {
        const scores = seen.map((c) => c.score);
        const sorted = [...scores].sort((a, b) => (sort.endsWith('asc') ? a - b : b - a));
        expect(scores).toEqual(sorted);
      }
    }
    // Every page came from this tenant only: its 23 contacts, none of the other tests' tenants.
    const [stored] = (await api.db.query('SELECT count(*)::int AS count FROM contacts WHERE tenant_id = $1', [
      tenantId,
    ])) as Array<{ count: number }>;
    expect(stored?.count).toBe(23);
    const wrongSort = await call(
      api,
      key,
      'GET',
      `/contacts?sort=score:asc&cursor=${(await call<Page<Contact>>(api, key, 'GET', '/contacts?limit=1')).body.nextCursor}`,
    );
    expect(wrongSort.status).toBe(400);
    expect(JSON.stringify(wrongSort.body)).toContain('query.cursor');
  });

  it('filters by fields, tags, score range, company, custom fields, and searches name, email and company', async () => {
    const { keys } = await createTestTenant(api.db, 'filters');
    const key = { apiKey: keys.admin };
    const send = <T = Contact>(method: string, path: string, body?: unknown) => call<T>(api, key, method, path, body);
    expect(
      (
        await send('POST', '/custom-fields', {
          key: 'industry',
          label: 'Industry',
          type: 'select',
          options: ['SaaS', 'Retail'],
        })
      ).status,
    ).toBe(201);
    expect((await send('POST', '/custom-fields', { key: 'seats', label: 'Seats', type: 'number' })).status).toBe(201);
    const globex = (await send<Company>('POST', '/companies', { name: 'Globex Corporation' })).body;
    const ids: Record<string, string> = {};
    const make = async (name: string, body: Record<string, unknown>) => {
      const r = await send('POST', '/contacts', { firstName: name, ...body });
      expect(r.status).toBe(201);
      ids[name] = r.body.id;
    };
    await make('Hank', {
      lastName: 'Scorpio',
      email: 'hank@globex.com',
      companyId: globex.id,
      score: 90,
      tags: ['vip', 'evil'],
      lifecycleStage: 'customer',
      customFields: { industry: 'SaaS', seats: 500 },
    });
    await make('Homer', {
      lastName: 'Simpson',
      email: 'homer@plant.org',
      score: 10,
      tags: ['vip'],
      leadStatus: 'new',
      customFields: { seats: 1 },
    });
    await make('Marge', {
      lastName: 'Simpson',
      email: 'marge@home.net',
      score: 55,
      lifecycleStage: 'lead',
      customFields: { industry: 'Retail' },
    });
    const names = async (query: string) => {
      const r = await send<Page<Contact>>('GET', `/contacts?${query}`);
      expect(r.status).toBe(200);
      return r.body.items.map((c) => c.firstName).sort();
    };
    expect(await names('q=simpson')).toEqual(['Homer', 'Marge']);
    expect(await names('q=globex')).toEqual(['Hank']);
    expect(await names('q=homer%40plant.org')).toEqual(['Homer']);
    expect(await names('q=plant')).toEqual(['Homer']);
    expect(await names('q=simpson%20-marge')).toEqual(['Homer']);
    // Typed as far as one got: every word a prefix, split where emails split.
    expect(await names('q=homer.simp')).toEqual(['Homer']);
    expect(await names('q=simp')).toEqual(['Homer', 'Marge']);
    expect(await names('q=homer%40pla')).toEqual(['Homer']);
    expect(await names('email=MARGE@home.net')).toEqual(['Marge']);
    expect(await names('tag=vip')).toEqual(['Hank', 'Homer']);
    expect(await names('tag=vip&tag=evil')).toEqual(['Hank']);
    expect(await names('scoreMin=50')).toEqual(['Hank', 'Marge']);
    expect(await names('scoreMin=20&scoreMax=60')).toEqual(['Marge']);
    expect(await names('lifecycleStage=lead')).toEqual(['Marge']);
    expect(await names('leadStatus=new')).toEqual(['Homer']);
    expect(await names(`companyId=${globex.id}`)).toEqual(['Hank']);
    expect(await names('customField=industry:SaaS')).toEqual(['Hank']);
    expect(await names('customField=seats:1')).toEqual(['Homer']);
    expect(await names('q=simpson&scoreMin=50')).toEqual(['Marge']);

    // Renaming the company reaches its contacts' search text in the same transaction.
    expect((await send('PATCH', `/companies/${globex.id}`, { name: 'Initech' })).status).toBe(200);
    expect(await names('q=initech')).toEqual(['Hank']);
    expect(await names('q=corporation')).toEqual([]);
    expect((await send<Contact>('GET', `/contacts/${ids.Hank}`)).body.companyName).toBe('Initech');
    expect((await send('DELETE', `/companies/${globex.id}`)).status).toBe(204);
    expect((await send<Contact>('GET', `/contacts/${ids.Hank}`)).body).toMatchObject({
      companyId: null,
      companyName: null,
    });

    const unknown = await send('GET', '/contacts?customField=colour:red');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ details: { fields: [{ field: 'query.customField' }] } });
  });

  it('merges custom fields on PATCH and refuses unknown keys or wrong types, naming the field', async () => {
    const { keys } = await createTestTenant(api.db, 'custom');
    const key = { apiKey: keys.admin };
    await call(api, key, 'POST', '/custom-fields', { key: 'seats', label: 'Seats', type: 'number' });
    await call(api, key, 'POST', '/custom-fields', { key: 'renewal', label: 'Renewal', type: 'date' });
    const c = await call<Contact>(api, key, 'POST', '/contacts', { customFields: { seats: 3 } });
    const merged = await call<Contact>(api, key, 'PATCH', `/contacts/${c.body.id}`, {
      customFields: { renewal: '2026-01-01' },
    });
    expect(merged.body.customFields).toEqual({ seats: 3, renewal: '2026-01-01' });
    const cleared = await call<Contact>(api, key, 'PATCH', `/contacts/${c.body.id}`, { customFields: { seats: null } });
    expect(cleared.body.customFields).toEqual({ renewal: '2026-01-01' });
    const unknown = await call(api, key, 'POST', '/contacts', { customFields: { colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ details: { fields: [{ field: 'body.customFields.colour' }] } });
    const wrong = await call(api, key, 'PATCH', `/contacts/${c.body.id}`, { customFields: { seats: 'three' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ message: expect.stringContaining('body.customFields.seats: expects a number') });
  });

  it('names the field for wrong types and bad values, and refuses oversize bodies with 413', async () => {
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email' }, 'body.email'],
      [{ score: 101 }, 'body.score'],
      [{ score: 'high' }, 'body.score'],
      [{ tags: 'vip' }, 'body.tags'],
      [{ timezone: 'Mars/Olympus' }, 'body.timezone'],
      [{ lifecycleStage: 'prospect' }, 'body.lifecycleStage'],
      [{ companyId: 'not-a-uuid' }, 'body.companyId'],
      [{ companyId: '00000000-0000-4000-8000-000000000000' }, 'body.companyId'],
      [{ favouriteColour: 'red' }, 'favouriteColour'],
    ];
    for (const [body, field] of cases) {
      const r = await post('/contacts', body);
      expect([r.status, JSON.stringify(r.body)]).toEqual([400, expect.stringContaining(field)]);
    }
    const missing = await post('/companies', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ details: { fields: [{ field: 'body.name' }] } });
    expect((await get('/contacts/not-a-uuid')).status).toBe(400);
    expect((await get('/contacts?limit=500')).status).toBe(400);
    const huge = await post('/contacts', { firstName: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'body_too_large' });
  });

  it('stores SQL and HTML injection strings inert and returns them exactly as sent', async () => {
    const nasty = [
      "Robert'); DROP TABLE contacts; --",
      '<script>alert("x")</script>',
      '<img src=x onerror=alert(1)>',
      "' OR '1'='1",
      '{{contact.email}} ${process.env}',
    ];
    for (const text of nasty) {
      const created = await post('/contacts', { firstName: text, lastName: text, tags: [text], source: text });
      expect(created.status).toBe(201);
      const read = await get<Contact>(`/contacts/${created.body.id}`);
      expect(read.body).toMatchObject({ firstName: text, lastName: text, tags: [text], source: text });
      const searched = await get<Page<Contact>>(`/contacts?tag=${encodeURIComponent(text)}`);
      expect(searched.status).toBe(200);
      expect(searched.body.items.map((c) => c.id)).toContain(created.body.id);
    }
    const company = await post<Company>('/companies', { name: nasty[1] });
    expect((await get<Company>(`/companies/${company.body.id}`)).body.name).toBe(nasty[1]);
    expect((await get<Page<Company>>(`/companies?name=${encodeURIComponent("%' OR 1=1 --")}`)).body.items).toEqual([]);
    const bobby = await get<Page<Contact>>(`/contacts?q=${encodeURIComponent(nasty[0]!)}`);
    expect(bobby.body.items.map((c) => c.firstName)).toEqual([nasty[0]]);
    const rows = (await api.db.query('SELECT count(*)::int AS count FROM contacts')) as Array<{ count: number }>;
    expect(rows[0]?.count).toBeGreaterThan(0);
  });

  it('leaves nothing half-written when a write fails: no audit row or event without the change', async () => {
    const { tenantId, keys } = await createTestTenant(api.db, 'atomic');
    const key = { apiKey: keys.admin };
    const first = await call<Contact>(api, key, 'POST', '/contacts', { email: 'one@x.io' });
    const second = await call<Contact>(api, key, 'POST', '/contacts', { email: 'two@x.io', firstName: 'Two' });
    const count = async () =>
      (await api.db.query(
        `SELECT (SELECT count(*) FROM audit_log WHERE tenant_id = $1)::int AS audits,
                (SELECT count(*) FROM domain_events WHERE tenant_id = $1)::int AS events`,
        [tenantId],
      )) as Array<{ audits: number; events: number }>;
    const before = await count();
    // The unique email index fails the UPDATE after the row was locked and the change computed.
    const clash = await call(api, key, 'PATCH', `/contacts/${second.body.id}`, {
      email: 'ONE@x.io',
      firstName: 'Changed',
    });
    expect(clash.status).toBe(409);
    expect(await count()).toEqual(before);
    expect((await call<Contact>(api, key, 'GET', `/contacts/${second.body.id}`)).body.firstName).toBe('Two');
    // A bad custom field on create leaves no contact, audit or event.
    const bad = await call(api, key, 'POST', '/contacts', { email: 'three@x.io', customFields: { nope: 1 } });
    expect(bad.status).toBe(400);
    expect(await count()).toEqual(before);
    expect((await call<Page<Contact>>(api, key, 'GET', '/contacts?email=three@x.io')).body.items).toEqual([]);
    expect(first.status).toBe(201);
  });
});
