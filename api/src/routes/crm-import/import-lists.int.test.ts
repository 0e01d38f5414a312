import type { Import, ImportRowError, Page, Principal } from '@cadenza/core';
import { createImport, loadImportBatch, parseCsv, recordRowOutcome, refreshImportProgress } from '@cadenza/data';
import {
  call,
  createTestTenant,
  startCrmTestApi,
  type CrmTestApi,
  type TestTenant,
} from '../crm/crm-test-api.test-support';

/**
 * The import lists on a real PostgreSQL: imports newest first with counts and progress, and
 * an import's rejected rows a page at a time. Rows get their outcomes through the same
 * repository calls the import workflow makes, so no worker is needed here.
 */
describe('import lists', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Principal;

  /** Stores a file and records an outcome for its first `processed` rows: every `failEvery`th fails. */
  async function importWithOutcomes(rows: number, processed: number, failEvery: number, finish?: 'completed') {
    const csv = ['Email,First Name', ...Array.from({ length: rows }, (_, i) => `row${i}@example.com,Row ${i}`)];
    const created = await createImport(api.db, admin, {
      fileName: `file-${rows}.csv`,
      csv: parseCsv(csv.join('\n')),
      mapping: { Email: 'email', 'First Name': 'firstName' },
    });
    const batch = await loadImportBatch(api.db, admin.tenantId, created.id, 0, processed);
    await api.db.transaction(async (manager) => {
      for (const row of batch.rows) {
        const failed = (row.position + 1) % failEvery === 0;
        await recordRowOutcome(
          manager,
          admin.tenantId,
          created.id,
          row.position,
          failed ? 'failed' : 'created',
          failed ? `firstName: row ${row.position} is not welcome` : null,
        );
      }
    });
    await refreshImportProgress(api.db, admin, created.id, finish);
    return created;
  }

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'import lists');
    other = await createTestTenant(api.db, 'import lists other');
    admin = tenant.users.admin;
  });
  afterAll(() => api?.stop());

  it('lists imports newest first with status, counts and progress, by page and by status', async () => {
    const finished = await importWithOutcomes(4, 4, 2, 'completed');
    const running = await importWithOutcomes(10, 4, 100);
    const first = await call<Page<Import>>(api, { user: admin }, 'GET', '/imports?limit=1');
    expect(first.body.items).toEqual([
      expect.objectContaining({
        id: running.id,
        status: 'running',
        fileName: 'file-10.csv',
        counts: { total: 10, done: 4, created: 4, updated: 0, failed: 0 },
        progress: 0.4,
      }),
    ]);
    const second = await call<Page<Import>>(
      api,
      { user: admin },
      'GET',
      `/imports?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toEqual([
      expect.objectContaining({
        id: finished.id,
        status: 'completed',
        counts: { total: 4, done: 4, created: 2, updated: 0, failed: 2 },
        progress: 1,
      }),
    ]);
    expect(second.body.nextCursor).toBeNull();
    const completed = await call<Page<Import>>(api, { user: admin }, 'GET', '/imports?status=completed');
    expect(completed.body.items.map((i) => i.id)).toEqual([finished.id]);
    const wrongStatus = await call(api, { user: admin }, 'GET', '/imports?status=paused');
    expect(wrongStatus).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'query.status' }] } } });
    // Another workspace sees none of them.
    const theirs = await call<Page<Import>>(api, { user: other.users.admin }, 'GET', '/imports');
    expect(theirs.body.items).toEqual([]);
  });

  it('pages through rejected rows in file order, each with its reason and the row as it was', async () => {
    const imported = await importWithOutcomes(15, 15, 3, 'completed');
    const seen: ImportRowError[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: Page<ImportRowError> } = await call<Page<ImportRowError>>(
        api,
        { user: admin },
        'GET',
        `/imports/${imported.id}/errors?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    // Positions 2, 5, 8, 11, 14 failed; the header is line 1, so position p is line p + 2.
    expect(seen).toEqual(
      [2, 5, 8, 11, 14].map((p) => ({
        line: p + 2,
        reason: `firstName: row ${p} is not welcome`,
        email: `row${p}@example.com`,
        row: { Email: `row${p}@example.com`, 'First Name': `Row ${p}` },
      })),
    );
    const forged = await call(api, { user: admin }, 'GET', `/imports/${imported.id}/errors?cursor=bm9wZQ`);
    expect(forged).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'query.cursor' }] } } });
    const elsewhere = await call(api, { user: other.users.admin }, 'GET', `/imports/${imported.id}/errors`);
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
