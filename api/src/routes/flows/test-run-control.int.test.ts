import { randomUUID } from 'node:crypto';
import { createTenant, ensureTenantAdmin } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { BrowserClient, uniqueEmail } from '../auth/auth-test-client';

const PASSWORD = 'correct horse battery staple';

/**
 * A marketer tests their own sequence past its waits (issue 23 item 3): a test run belongs to
 * whoever started it, who may skip its waits, pause, resume and cancel it; another marketer's
 * test run and real runs still need runs:manage.
 */
describe('test runs belong to whoever started them', () => {
  let platform: TestPlatform;
  let admin: BrowserClient;
  let maya: BrowserClient;
  let mark: BrowserClient;
  let flowId: string;
  let contactId: string;

  const member = async (role: string) => {
    const email = uniqueEmail(role);
    expect((await admin.call('POST', '/users', { email, role, password: PASSWORD, name: `A ${role}` })).status).toBe(
      201,
    );
    const client = new BrowserClient(platform.baseUrl);
    expect((await client.login(email, PASSWORD)).status).toBe(200);
    return client;
  };

  beforeAll(async () => {
    platform = await startTestPlatform(`test-run-control-${randomUUID()}`);
    const tenant = await createTenant(platform.db, 'Test runs');
    const email = uniqueEmail('admin');
    await ensureTenantAdmin(platform.db, { tenantId: tenant.id, email, password: PASSWORD });
    admin = new BrowserClient(platform.baseUrl);
    expect((await admin.login(email, PASSWORD)).status).toBe(200);
    maya = await member('marketer');
    mark = await member('marketer');
    const principal: Principal = { tenantId: tenant.id, userId: null, role: 'admin', via: 'api_key' };
    contactId = await newContact(platform.db, principal, { email: `${randomUUID()}@example.com` });
    const created = await maya.call('POST', '/flows', {
      name: 'Wait then tag',
      kind: 'sequence',
      draft: flowOf(
        [
          { id: 'wait', type: 'wait', settings: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
          { id: 'tag', type: 'add_tag', settings: { tag: 'tested' } },
        ],
        [
          ['start', 'wait'],
          ['wait', 'tag'],
        ],
      ),
    });
    expect(created.status).toBe(201);
    flowId = (created.body as { id: string }).id;
  });
  afterAll(() => platform?.stop());

  const testRun = async (by: BrowserClient) => {
    const started = await by.call('POST', `/flows/${flowId}/test-runs`, { contactId });
    expect(started.status).toBe(202);
    const { enrollmentId } = started.body as { enrollmentId: string };
    await waitUntil('the test run waits', async () => {
      const run = await admin.call('GET', `/runs/${enrollmentId}`);
      return run.status === 200 && (run.body as { status: string }).status === 'waiting';
    });
    return enrollmentId;
  };

  it('lets the marketer who started a test run skip its wait and see it finish', async () => {
    const enrollmentId = await testRun(maya);
    expect((await maya.call('POST', `/runs/${enrollmentId}/skip-wait`)).status).toBe(202);
    const done = await waitUntil('the test run completes', async () => {
      const run = await maya.call('GET', `/runs/${enrollmentId}`);
      return (run.body as { status: string }).status === 'completed' ? (run.body as { steps: unknown[] }) : undefined;
    });
    expect(done.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ nodeId: 'tag', status: 'captured' })]),
    );
  });

  it("refuses another marketer's test run, naming why; ops-level control still works", async () => {
    const enrollmentId = await testRun(maya);
    const refused = await mark.call('POST', `/runs/${enrollmentId}/pause`);
    expect(refused.status).toBe(403);
    expect((refused.body as { message: string }).message).toContain('only the test runs it started');
    expect((await mark.call('POST', `/runs/${enrollmentId}/cancel`, { reason: 'not mine' })).status).toBe(403);
    expect((await maya.call('POST', `/runs/${enrollmentId}/pause`)).status).toBe(202);
    expect((await maya.call('POST', `/runs/${enrollmentId}/resume`)).status).toBe(202);
    expect((await admin.call('POST', `/runs/${enrollmentId}/cancel`, { reason: 'done testing' })).status).toBe(202);
  });

  it('keeps real runs to runs:manage, even for the marketer who built the flow', async () => {
    expect((await maya.call('POST', `/flows/${flowId}/publish`)).status).toBe(201);
    const enrolled = await maya.call('POST', `/flows/${flowId}/enrollments`, { contactIds: [contactId] });
    expect(enrolled.status).toBe(200);
    const { enrollmentId } = (enrolled.body as { items: Array<{ enrollmentId: string }> }).items[0]!;
    await waitUntil(
      'the run is projected',
      async () => (await admin.call('GET', `/runs/${enrollmentId}`)).status === 200,
    );
    const refused = await maya.call('POST', `/runs/${enrollmentId}/skip-wait`);
    expect(refused.status).toBe(403);
    expect((refused.body as { message: string }).message).toContain('needs runs:manage');
  });
});
