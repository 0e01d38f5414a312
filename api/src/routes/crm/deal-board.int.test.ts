import { randomUUID } from 'node:crypto';
import { encodeCursor, type Deal, type DealStageSummary, type Page, type Pipeline } from '@cadenza/core';
import { createDeal, createPipeline } from '@cadenza/data';
import { call, createTestTenant, startCrmTestApi, type CrmTestApi, type TestTenant } from './crm-test-api.test-support';

/**
 * What the deals board asks of the API on a real PostgreSQL: one stage column at a time,
 * most recently changed first, page after page with a cursor; and per stage the count and
 * sums the column heads show. Ownership scope and tenant isolation hold for both.
 */
describe('deals board: per-stage pages and stage summary', () => {
  let api: CrmTestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let pipeline: Pipeline;
  const open = () => pipeline.stages[0]!.id;
  const won = () => pipeline.stages[1]!.id;
  const empty = () => pipeline.stages[2]!.id;
  /** Deals of the Open stage, in the order they were made. */
  const openDeals: Deal[] = [];
  const admin = () => ({ user: tenant.users.admin });

  const stagePage = (stageId: string, limit: number, cursor?: string | null) =>
    call<Page<Deal>>(
      api,
      admin(),
      'GET',
      `/deals?pipelineId=${pipeline.id}&stageId=${stageId}&sort=updatedAt:desc&limit=${limit}${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
    );

  beforeAll(async () => {
    api = await startCrmTestApi();
    tenant = await createTestTenant(api.db, 'board tenant');
    other = await createTestTenant(api.db, 'other board tenant');
    pipeline = await createPipeline(api.db, tenant.users.admin, {
      name: 'Board',
      stages: [{ name: 'Open' }, { name: 'Won' }, { name: 'Empty' }],
    });
    const rep = tenant.users.sales_rep.userId!;
    const amounts: Array<[number | null, string]> = [
      [100, 'USD'],
      [100, 'USD'],
      [100, 'USD'],
      [250.5, 'USD'],
      [40, 'EUR'],
      [null, 'USD'],
      [100, 'USD'],
    ];
    for (const [i, [amount, currency]] of amounts.entries()) {
      openDeals.push(
        await createDeal(api.db, tenant.users.admin, {
          name: `Open ${i}`,
          pipelineId: pipeline.id,
          stageId: open(),
          amount,
          currency,
          // The rep owns the first two only.
          ownerId: i < 2 ? rep : null,
        }),
      );
    }
    await createDeal(api.db, tenant.users.admin, { name: 'Won 0', pipelineId: pipeline.id, stageId: won(), amount: 7 });
  });
  afterAll(() => api?.stop());

  it('pages one stage most recently changed first, each deal once, until the cursor runs out', async () => {
    const seen: Deal[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: Page<Deal> } = await stagePage(open(), 3, cursor);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((d) => d.id).sort()).toEqual(openDeals.map((d) => d.id).sort());
    const times = seen.map((d) => d.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(seen.map((d) => d.stageId))).toEqual(new Set([open()]));
  });

  it('puts a deal just moved on top of its new column', async () => {
    const moved = openDeals[0]!;
    const response = await call<Deal>(api, admin(), 'PATCH', `/deals/${moved.id}/stage`, { stageId: won() });
    expect(response.status).toBe(200);
    const first = await stagePage(won(), 1);
    expect(first.body.items.map((d) => d.id)).toEqual([moved.id]);
    expect(first.body.nextCursor).not.toBeNull();
    // Put it back so the other cases see the seeded layout.
    await call(api, admin(), 'PATCH', `/deals/${moved.id}/stage`, { stageId: open() });
  });

  it('sums every stage in pipeline order: count and amount per currency, empty stages at zero', async () => {
    const summary = await call<DealStageSummary>(api, admin(), 'GET', `/deals/stage-summary?pipelineId=${pipeline.id}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      pipelineId: pipeline.id,
      stages: [
        {
          stageId: open(),
          count: 7,
          totals: [
            { currency: 'EUR', amount: 40 },
            { currency: 'USD', amount: 650.5 },
          ],
        },
        { stageId: won(), count: 1, totals: [{ currency: 'USD', amount: 7 }] },
        { stageId: empty(), count: 0, totals: [] },
      ],
    });
  });

  it("counts only a sales rep's own deals, as their board shows", async () => {
    const rep = { user: tenant.users.sales_rep };
    const summary = await call<DealStageSummary>(api, rep, 'GET', `/deals/stage-summary?pipelineId=${pipeline.id}`);
    expect(summary.body.stages.map((s) => s.count)).toEqual([2, 0, 0]);
    const page = await call<Page<Deal>>(api, rep, 'GET', `/deals?stageId=${open()}&sort=updatedAt:desc&limit=50`);
    expect(page.body.items.map((d) => d.id).sort()).toEqual([openDeals[0]!.id, openDeals[1]!.id].sort());
  });

  it("keeps another tenant's pipeline out of reach", async () => {
    const theirs = { user: other.users.admin };
    const summary = await call(api, theirs, 'GET', `/deals/stage-summary?pipelineId=${pipeline.id}`);
    expect([summary.status, summary.body.code]).toEqual([404, 'not_found']);
    const page = await call<Page<Deal>>(api, theirs, 'GET', `/deals?stageId=${open()}&sort=updatedAt:desc`);
    expect(page.body).toEqual({ items: [], nextCursor: null });
    const unknown = await call(api, admin(), 'GET', `/deals/stage-summary?pipelineId=${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  it.each([
    ['a cursor that is not ours', 'cursor=not-a-cursor', 'query.cursor'],
    [
      'a cursor of another sort',
      `cursor=${encodeCursor({ sort: 'createdAt:desc', value: '2030-01-01', id: randomUUID() })}`,
      'query.cursor',
    ],
    ['a page over the maximum', 'limit=201', 'query.limit'],
    ['an unknown sort', 'sort=name:asc', 'query.sort'],
  ])('refuses %s with a 400 naming the field', async (_, search, field) => {
    const response = await call(api, admin(), 'GET', `/deals?sort=updatedAt:desc&stageId=${open()}&${search}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('refuses a forged cursor whose position is not a time with a 400, not a 500', async () => {
    const forged = encodeCursor({ sort: 'updatedAt:desc', value: 'yesterday-ish', id: randomUUID() });
    const response = await call(api, admin(), 'GET', `/deals?sort=updatedAt:desc&cursor=${forged}`);
    expect(response.status).toBe(400);
  });

  it('refuses a summary without a valid pipeline id', async () => {
    for (const search of ['', '?pipelineId=nope']) {
      const response = await call(api, admin(), 'GET', `/deals/stage-summary${search}`);
      expect([search, response.status, JSON.stringify(response.body)]).toEqual([
        search,
        400,
        expect.stringContaining('query.pipelineId'),
      ]);
    }
  });
});
