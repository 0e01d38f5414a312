import type { Deal, Note, Page, Task } from '@cadenza/core';
import { createContact, createDeal, createNote, createPipeline, createTask } from '@cadenza/data';
import { call, createTestTenant, startCrmTestApi, type CrmTestApi, type TestTenant } from './crm-test-api.test-support';

type Listed = { id: string };
const ids = (page: Page<Listed>) => page.items.map((item) => item.id).sort();

/**
 * Full-text search (`q`) over deals, tasks and notes on a real PostgreSQL: word and phrase
 * matches, tenant isolation, a sales rep's ownership scope, hostile input kept inert, and
 * the due-date ordering of tasks.
 */
describe('search over deals, tasks and notes', () => {
  let api: CrmTestApi;
  let owner: TestTenant;
  let other: TestTenant;
  const made = {
    deals: {} as Record<string, string>,
    tasks: {} as Record<string, string>,
    notes: {} as Record<string, string>,
  };

  /** The same records in a tenant: `mine` owned by the tenant's sales rep, `theirs` by nobody. */
  async function seed(tenant: TestTenant, record: boolean) {
    const admin = tenant.users.admin;
    const rep = tenant.users.sales_rep.userId!;
    const pipeline = await createPipeline(api.db, admin, { name: 'Sales', stages: [{ name: 'Open' }] });
    const stageId = pipeline.stages[0]!.id;
    const contact = await createContact(api.db, admin, { firstName: 'Searcher', ownerId: rep });
    const deals = {
      mine: await createDeal(api.db, admin, {
        name: 'Acme rocket engines renewal',
        pipelineId: pipeline.id,
        stageId,
        ownerId: rep,
      }),
      theirs: await createDeal(api.db, admin, { name: 'Acme hosting upsell', pipelineId: pipeline.id, stageId }),
      inject: await createDeal(api.db, admin, {
        name: `'); DROP TABLE deals; -- <script>alert(1)</script>`,
        pipelineId: pipeline.id,
        stageId,
        ownerId: rep,
      }),
    };
    const tasks = {
      soon: await createTask(api.db, admin, {
        title: 'Call Acme about the renewal',
        assigneeId: rep,
        dueAt: '2030-01-02T09:00:00Z',
      }),
      later: await createTask(api.db, admin, {
        title: 'Send Acme the quote',
        assigneeId: rep,
        dueAt: '2030-03-01T09:00:00Z',
      }),
      undated: await createTask(api.db, admin, { title: 'Acme follow up someday', assigneeId: rep }),
      theirs: await createTask(api.db, admin, { title: 'Acme legal review' }),
    };
    const notes = {
      mine: await createNote(api.db, admin, {
        contactId: contact.id,
        body: 'They asked about volume pricing for rockets',
      }),
    };
    if (record) {
      for (const [k, v] of Object.entries(deals)) made.deals[k] = v.id;
      for (const [k, v] of Object.entries(tasks)) made.tasks[k] = v.id;
      for (const [k, v] of Object.entries(notes)) made.notes[k] = v.id;
    }
  }

  beforeAll(async () => {
    api = await startCrmTestApi();
    owner = await createTestTenant(api.db, 'search owner');
    other = await createTestTenant(api.db, 'search other');
    await seed(owner, true);
    await seed(other, false);
  });
  afterAll(() => api?.stop());

  const admin = () => ({ user: owner.users.admin });
  const rep = () => ({ user: owner.users.sales_rep });

  it('finds deals by words and phrases, in this tenant only', async () => {
    const acme = await call<Page<Deal>>(api, admin(), 'GET', '/deals?q=acme');
    expect(ids(acme.body)).toEqual([made.deals.mine, made.deals.theirs].sort());
    const phrase = await call<Page<Deal>>(api, admin(), 'GET', `/deals?q=${encodeURIComponent('"rocket engines"')}`);
    expect(ids(phrase.body)).toEqual([made.deals.mine]);
    const excluded = await call<Page<Deal>>(api, admin(), 'GET', `/deals?q=${encodeURIComponent('acme -hosting')}`);
    expect(ids(excluded.body)).toEqual([made.deals.mine]);
    const none = await call<Page<Deal>>(api, admin(), 'GET', '/deals?q=zeppelin');
    expect(none.body.items).toEqual([]);
  });

  it("limits a sales rep's search to what they own", async () => {
    const deals = await call<Page<Deal>>(api, rep(), 'GET', '/deals?q=acme');
    expect(ids(deals.body)).toEqual([made.deals.mine]);
    const tasks = await call<Page<Task>>(api, rep(), 'GET', '/tasks?q=acme');
    expect(ids(tasks.body)).toEqual([made.tasks.soon, made.tasks.later, made.tasks.undated].sort());
    const adminTasks = await call<Page<Task>>(api, admin(), 'GET', '/tasks?q=acme');
    expect(ids(adminTasks.body)).toEqual(Object.values(made.tasks).sort());
  });

  it('finds notes by their body, and combines q with the other filters', async () => {
    const notes = await call<Page<Note>>(api, admin(), 'GET', '/notes?q=pricing');
    expect(ids(notes.body)).toEqual([made.notes.mine]);
    const otherTenant = await call<Page<Note>>(api, { user: other.users.admin }, 'GET', '/notes?q=pricing');
    expect(otherTenant.body.items.map((n) => n.id)).not.toContain(made.notes.mine);
    expect(otherTenant.body.items).toHaveLength(1);
    const openDone = await call<Page<Task>>(api, admin(), 'GET', '/tasks?q=acme&done=true');
    expect(openDone.body.items).toEqual([]);
  });

  it('keeps SQL and HTML in a search and in a name inert', async () => {
    const hostile = encodeURIComponent(`'); DROP TABLE deals; --`);
    const found = await call<Page<Deal>>(api, admin(), 'GET', `/deals?q=${hostile}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((d) => d.name)).toEqual([`'); DROP TABLE deals; -- <script>alert(1)</script>`]);
    const unbalanced = await call(api, admin(), 'GET', `/tasks?q=${encodeURIComponent('"acme (( & |')}`);
    expect(unbalanced.status).toBe(200);
    const tooLong = await call(api, admin(), 'GET', `/notes?q=${'x'.repeat(201)}`);
    expect(tooLong).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'query.q' }] } } });
  });

  it('orders tasks by due date with undated ones last, across pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<Task> } = await call<Page<Task>>(
        api,
        rep(),
        'GET',
        `/tasks?sort=dueAt:asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([made.tasks.soon, made.tasks.later, made.tasks.undated]);
    const wrongSort = await call(api, rep(), 'GET', '/tasks?sort=title:asc');
    expect(wrongSort).toMatchObject({ status: 400, body: { details: { fields: [{ field: 'query.sort' }] } } });
  });
});
