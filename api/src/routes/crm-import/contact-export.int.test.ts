import { parse } from 'csv-parse/sync';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';

describe('GET /contacts/export.csv', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  const admin = () => ({ user: tenant.users.admin });

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'export tenant');
    const contacts = [
      {
        firstName: '=HYPERLINK("http://evil.example","click")',
        lastName: 'Formula',
        email: 'f@example.com',
        tags: ['x'],
      },
      { firstName: 'Quote "the" Comma, Newline\nhere', lastName: '@at', email: 'q@example.com', tags: ['x', 'y'] },
      { firstName: '+plus', lastName: '-minus', email: 'p@example.com', phone: '+1 555 0100', tags: ['x'] },
      { firstName: 'Untagged', email: 'u@example.com' },
    ];
    for (const contact of contacts) expect((await call(api, admin(), 'POST', '/contacts', contact)).status).toBe(201);
    for (let i = 0; i < 520; i += 1) {
      await api.db.query(
        `INSERT INTO contacts (tenant_id, first_name, email, tags) VALUES ($1, 'Bulk', $2, '{bulk}')`,
        [tenant.tenantId, `bulk${i}@example.com`],
      );
    }
  });
  afterAll(() => api?.stop());

  const exportCsv = async (query: string) => {
    const response = await call<string>(api, admin(), 'GET', `/contacts/export.csv${query}`);
    expect(response.status).toBe(200);
    return parse(response.body, { columns: true }) as Array<Record<string, string>>;
  };

  it('escapes cells and neutralizes formulas', async () => {
    const rows = await exportCsv('?tag=x&sort=email:asc');
    expect(rows.map((r) => r.Email)).toEqual(['f@example.com', 'p@example.com', 'q@example.com']);
    const [formula, plus, quote] = rows;
    expect(formula!['First Name']).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(plus).toMatchObject({ 'First Name': "'+plus", 'Last Name': "'-minus", 'Phone Number': "'+1 555 0100" });
    expect(quote).toMatchObject({ 'First Name': 'Quote "the" Comma, Newline\nhere', 'Last Name': "'@at", Tags: 'x;y' });
  });

  it('streams every page of a filtered list', async () => {
    const rows = await exportCsv('?tag=bulk');
    expect(rows).toHaveLength(520);
    expect(new Set(rows.map((r) => r.Email)).size).toBe(520);
    expect((await exportCsv('?q=Untagged')).map((r) => r.Email)).toEqual(['u@example.com']);
  });

  it('validates filters like the list route', async () => {
    const response = await call(api, admin(), 'GET', '/contacts/export.csv?lifecycleStage=nope');
    expect(response).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'query.lifecycleStage' }] } } });
  });
});
