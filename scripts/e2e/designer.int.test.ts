import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureTenantAdmin } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-flags';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'designer.png');

/**
 * A marketer's path through the web app in headless Chromium, against the real API, worker,
 * Temporal and PostgreSQL: sign in, draw a four-step sequence with a branch by drag and drop,
 * publish it, enroll a contact, and watch the run count appear live on the canvas.
 */
describe('flow designer in the browser', () => {
  let platform: TestPlatform;
  let live: LiveGateway;
  let browser: Browser;
  let tenant: { tenantId: string; apiKey: string };
  const consoleErrors: string[] = [];
  const email = `marketer-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
    }
    platform = await startTestPlatform(`designer-e2e-${randomUUID()}`);
    // A short resync so events reach the socket promptly even when nothing publishes them on Redis.
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
      config: { LIVE_RESYNC_INTERVAL_MS: 300 },
    });
    tenant = await createTenantWithKey(platform.db, 'Designer e2e');
    await ensureTenantAdmin(platform.db, { tenantId: tenant.tenantId, email, password, name: 'Mara Marketer' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
  });

  /** Drags a palette entry onto the canvas, at a point relative to the canvas's top-left corner. */
  async function dropNode(page: Page, type: string, x: number, y: number) {
    await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"] .react-flow__pane', {
      targetPosition: { x, y },
    });
  }

  /** Draws an edge by dragging from a node's output handle to another node's input handle. */
  async function connect(page: Page, from: string, output: string, to: string) {
    const source = await page
      .locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source[data-handleid="${output}"]`)
      .boundingBox();
    const target = await page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`).boundingBox();
    if (!source || !target) throw new Error(`handles of ${from}:${output} -> ${to} not on screen`);
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await page.mouse.up();
  }

  it('signs in, draws and publishes a branching sequence, and shows a run arriving live', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Before sign-in the app asks who is signed in; the browser logs that 401 itself.
      if (message.location().url.endsWith('/api/v1/auth/me')) return;
      consoleErrors.push(message.text());
    });

    await page.goto(platform.baseUrl);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: 'Flows' }).waitFor();

    await page.fill('#new-flow-name', 'Welcome sequence');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.locator('.react-flow__node[data-id="start"]').waitFor();

    await dropNode(page, 'add_tag', 60, 100);
    await page.fill('#field-tag', 'welcomed');
    await dropNode(page, 'branch', 450, 100);
    await page.fill('#field-condition-field', 'contact.email');
    await page.selectOption('#field-condition-operator', 'is_set');
    await dropNode(page, 'wait', 200, 500);
    await page.selectOption('#field-duration-unit', 'days');
    await dropNode(page, 'exit', 560, 500);

    await connect(page, 'start', 'next', 'add_tag_1');
    await connect(page, 'add_tag_1', 'next', 'branch_1');
    await connect(page, 'branch_1', 'yes', 'wait_1');
    await connect(page, 'branch_1', 'no', 'exit_1');
    expect(await page.locator('.react-flow__edge').count()).toBe(4);
    // Branch outputs are labelled on the canvas and on their edges.
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toEqual(
      expect.arrayContaining(['yes', 'no']),
    );

    // Publishing shows what changes against the last version (here: the first, so all is new).
    await page.getByRole('button', { name: 'Publish' }).click();
    const publishDialog = page.getByRole('dialog', { name: 'Publish the first version' });
    await publishDialog.getByText('Steps added:').waitFor();
    await publishDialog.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published version 1').waitFor();
    const flowId = page.url().split('/flows/')[1]!;

    const principal: Principal = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
    const contactId = await newContact(platform.db, principal, { email: `lead-${randomUUID()}@example.com` });
    const enrolled = await fetch(`${platform.baseUrl}/api/v1/flows/${flowId}/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: JSON.stringify({ contactIds: [contactId] }),
    });
    expect(enrolled.status).toBe(200);

    // The run tags the contact, takes "yes" and waits a day: the canvas counts it at the wait, live.
    const badge = page.locator('[data-testid="run-count-wait_1"] .flow-node-count');
    await expect(badge.filter({ hasText: '1' }).waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // The run detail shows the timeline of the steps it went through, and links to Temporal.
    await page.locator('[data-testid="canvas"] .react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.locator('[aria-label="runs"] .MuiListItemButton-root').first().click();
    const drawer = page.getByRole('region', { name: 'run detail' });
    await drawer.getByText('add_tag_1 · completed → next').waitFor();
    await drawer.getByText('branch_1 · completed → yes').waitFor();
    await drawer.getByText('waiting', { exact: true }).waitFor();
    expect(await drawer.getByRole('link', { name: 'Open in Temporal UI' }).getAttribute('href')).toContain('workflows');

    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
