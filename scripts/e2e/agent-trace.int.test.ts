import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureTenantAdmin } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { closeLocalModel } from '@cadenza/activities';
import { waitUntil } from '../services/wait-until';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-flags';

const ROOT = path.resolve(__dirname, '..', '..');

/** The parts of the API's answers this test reads (a flow, a page of approvals, a run). */
interface ApiBody {
  id: string;
  items: Array<{ id: string; enrollmentId: string }>;
  status: string;
  steps: Array<{ nodeId: string; result: { toolCalls: Array<{ tool: string }> } }>;
}

/**
 * The agent's trace on the run, in headless Chromium against the real API, worker (the local
 * model), Temporal and PostgreSQL: an agent with crm_lookup and create_task runs, its draft is
 * rejected through the API, and the run panel lists the two tool calls under the agent step.
 */
describe('the agent trace in the run panel', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let tenant: { tenantId: string; apiKey: string };
  const email = `marketer-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
    }
    platform = await startTestPlatform(`agent-trace-e2e-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Agent trace e2e');
    await ensureTenantAdmin(platform.db, { tenantId: tenant.tenantId, email, password, name: 'Mara Marketer' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
    await closeLocalModel();
  });

  const api = async (route: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${route}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as ApiBody | null };
  };

  it('lists the tool calls under the agent step, expandable', async () => {
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: 'Agent with tools',
        kind: 'agent',
        draft: flowOf(
          [
            {
              id: 'agent',
              type: 'ai_agent',
              settings: {
                instructions: 'Invite {{contact.firstName}} to a demo',
                tools: ['crm_lookup', 'create_task'],
                maxSteps: 2,
                draftMaxTokens: 60,
              },
            },
          ],
          [['start', 'agent']],
        ),
      },
    });
    expect(created.status).toBe(201);
    const flowId = created.body!.id;
    expect((await api(`/flows/${flowId}/publish`, { method: 'POST' })).status).toBe(201);
    const principal: Principal = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
    const contactId = await newContact(platform.db, principal, {
      firstName: 'Grace',
      email: `${randomUUID()}@example.com`,
    });
    const enrolled = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const enrollmentId = enrolled.body!.items[0]!.enrollmentId;

    const pending = await waitUntil(
      'the draft in the inbox',
      async () => ((await api('/approvals')).body?.items ?? []).find((item) => item.enrollmentId === enrollmentId),
      { timeoutMs: 240_000, intervalMs: 500 },
    );
    expect((await api(`/approvals/${pending.id}/reject`, { method: 'POST', body: {} })).status).toBe(200);
    const run = await waitUntil(
      'the run completed',
      async () => {
        const answer = await api(`/runs/${enrollmentId}`);
        return answer.body?.status === 'completed' ? answer.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    // Through the API: the trace is the agent step's result.
    const agentStep = run.steps.find((step) => step.nodeId === 'agent')!;
    expect(agentStep.result.toolCalls.map((call) => call.tool)).toEqual(['crm_lookup', 'create_task']);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(platform.baseUrl);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${platform.baseUrl}/flows/${flowId}`);
    await page.locator('.react-flow__node[data-id="agent"]').waitFor();
    await page.locator('[data-testid="canvas"] .react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.locator('[aria-label="runs"] .MuiListItemButton-root').first().click();
    const drawer = page.getByRole('region', { name: 'run detail' });
    await drawer.getByText('agent · completed → rejected').waitFor();
    await drawer.getByRole('button', { name: /2 tool calls · the agent was done/ }).click();
    const calls = drawer.getByRole('list', { name: 'agent tool calls' });
    await calls.waitFor();
    const text = await calls.textContent();
    expect(text).toMatch(/1\. CRM lookup · \d+ ms · planned/);
    expect(text).toMatch(/2\. Create task · \d+ ms · planned/);
    expect(text).toContain('"firstName":"Grace"');
  }, 360_000);
});
