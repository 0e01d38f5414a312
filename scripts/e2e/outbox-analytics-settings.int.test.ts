import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiKey, type DataSource } from '@cadenza/data';
import { startSmtpSink, type SmtpSink } from '@cadenza/services/messaging';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { connectTestDb, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { requireService } from '@cadenza/test-harness/service-env';
import { demoUsers } from '../demo/demo-data';
import { DEMO_ENROLLMENT_COUNT, enrollDemoRuns } from '../demo/demo-enrollments';
import { seedDemoWorkspace, type DemoSeedResult } from '../demo/seed-demo';
import { deleteDemoWorkspace } from '../demo/reset-demo';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * An admin of the seeded demo workspace in headless Chromium, against the real API, worker,
 * Temporal, PostgreSQL and SMTP sink: the outbox lists what the outreach flow sent and shows
 * a new send live, one email opens rendered and as source and gets a simulated reply; the
 * analytics page shows that flow's funnel with the reply; settings tests a mailbox against
 * the sink and shows a new API key once. Writes docs/screenshots/{outbox,analytics,settings}.png.
 */
describe('outbox, analytics and settings in the browser', () => {
  let platform: TestPlatform;
  let live: LiveGateway;
  let browser: Browser;
  let sink: SmtpSink;
  let sinkDb: DataSource;
  let seed: DemoSeedResult;
  let apiKey: string;
  const saved = { ...process.env };
  const tenantId = randomUUID();
  const userTag = `crmb${tenantId.slice(0, 8)}`;
  const admin = demoUsers(userTag).find((user) => user.role === 'admin')!;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
    }
    sinkDb = await connectTestDb();
    sink = await startSmtpSink({ db: sinkDb, port: 0 });
    Object.assign(process.env, {
      CADENZA_SECRET_KEY: randomBytes(32).toString('hex'),
      SMTP_SINK_PORT: String(sink.port),
      REDIS_URL: requireService('redis'),
    });
    allowEgressTo(sink.port);
    platform = await startTestPlatform(`crm-web-b-e2e-${randomUUID()}`);
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
      config: { LIVE_RESYNC_INTERVAL_MS: 300 },
    });
    seed = await seedDemoWorkspace(platform.db, {
      tenantId,
      userTag,
      outreachWindow: {
        timezone: 'America/New_York',
        useContactTimezone: false,
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '00:00',
        end: '23:59',
      },
    });
    const enrolled = await enrollDemoRuns(
      platform.db,
      platform.temporal,
      platform.config.TEMPORAL_TASK_QUEUE,
      tenantId,
    );
    expect(enrolled.started).toBe(DEMO_ENROLLMENT_COUNT);
    apiKey = await createApiKey(platform.db, tenantId, 'crm-web-b test');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (platform)
      await deleteDemoWorkspace(platform.db, platform.temporal, { tenantId, userTag }).catch(() => undefined);
    await live?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
    await sink?.close();
    await sinkDb?.destroy();
    process.env = saved;
  });

  const api = async (apiPath: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${apiPath}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  /** Every email the outreach flow sent, by the sink's count (the list must show them all). */
  const sentEmails = async () => (await api('/outbox?channel=email&limit=200')).body.items.length as number;

  it('lists sent messages live, shows one rendered and raw, and simulates a reply', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.location().url.endsWith('/api/v1/auth/me')) return; // the 401 before sign-in
      consoleErrors.push(message.text());
    });
    await page.goto(`${platform.baseUrl}/outbox`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();

    // Every enrolled lead got the first email; wait until the flow has sent them all.
    const list = page.getByRole('list', { name: 'messages' });
    for (let i = 0; i < 60 && (await sentEmails()) < DEMO_ENROLLMENT_COUNT; i++) await page.waitForTimeout(500);
    await list
      .getByRole('button')
      .nth(DEMO_ENROLLMENT_COUNT - 1)
      .waitFor({ timeout: 20_000 });

    // A contact enrolled now: its email appears without a reload.
    const contact = await api('/contacts', {
      method: 'POST',
      body: { firstName: 'Liv', lastName: 'Update', email: `liv-${tenantId.slice(0, 8)}@example.com` },
    });
    expect(contact.status).toBe(201);
    const enroll = await api(`/flows/${seed.outreachFlowId}/enrollments`, {
      method: 'POST',
      body: { contactIds: [contact.body.id] },
    });
    expect(enroll.status).toBe(200);
    await list.getByRole('button').filter({ hasText: contact.body.email }).waitFor({ timeout: 30_000 });
    expect(await list.getByRole('button').count()).toBe(DEMO_ENROLLMENT_COUNT + 1);

    // Open it: the HTML renders in a sandboxed frame, the source is the RFC 5322 message.
    await list.getByRole('button').filter({ hasText: contact.body.email }).click();
    const frame = page.locator('iframe[title="rendered message"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page.frameLocator('iframe[title="rendered message"]').getByText(/Liv/).first().waitFor();
    await page.getByRole('tab', { name: 'Raw source' }).click();
    const raw = page.getByLabel('raw source');
    await raw.filter({ hasText: 'Message-ID:' }).waitFor();
    expect(await raw.textContent()).toContain(`To: ${contact.body.email}`);
    await page.getByRole('tab', { name: 'Rendered' }).click();
    await shot(page, 'outbox.png');
    // Viewing it here loaded no tracking pixel: it is still "sent", not "opened".
    const [viewed] = (await api(`/outbox?contactId=${contact.body.id}`)).body.items;
    expect(viewed.status).toBe('sent');

    // Simulate the contact's reply: the message turns "replied" and the run leaves the flow.
    await page.getByLabel('Reply text').fill('Yes, Tuesday works for a call');
    await page.getByRole('button', { name: 'Simulate reply' }).click();
    await page.getByText('Reply recorded; the run was signalled', { exact: false }).waitFor();
    await page.getByTestId('message-status').filter({ hasText: 'replied' }).waitFor();
    const [message] = (await api(`/outbox?contactId=${contact.body.id}`)).body.items;
    expect(message).toMatchObject({ status: 'replied', repliedAt: expect.any(String) });
    await shot(page, 'outbox-reply.png');

    // Analytics: the outreach flow's funnel counts every enrolment, every send and the reply.
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.goto(`${platform.baseUrl}/analytics?flow=${seed.outreachFlowId}`);
    const enrolledBar = page.getByTestId('funnel-enrolled');
    await enrolledBar
      .locator('title', { hasText: `Enrolled: ${DEMO_ENROLLMENT_COUNT + 1}` })
      .waitFor({ state: 'attached', timeout: 15_000 });
    expect(await page.getByTestId('funnel-sent').locator('title').textContent()).toContain(
      `Sent: ${DEMO_ENROLLMENT_COUNT + 1}`,
    );
    for (let i = 0; i < 40; i++) {
      const funnel = await api(`/analytics/flows/${seed.outreachFlowId}/funnel`);
      if (funnel.body.totals.replied >= 1) break;
      await page.waitForTimeout(250);
    }
    await page.reload();
    await page
      .getByTestId('funnel-replied')
      .locator('title', { hasText: 'Replied: 1' })
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByRole('table', { name: 'steps' }).waitFor();
    await page.getByRole('table', { name: 'rep activity' }).waitFor();
    await shot(page, 'analytics.png');

    // Settings: users listed; a mailbox on the sink passes its test; a new API key shows once.
    await page.getByRole('button', { name: 'account menu' }).click();
    await page.getByRole('navigation', { name: 'account' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('table', { name: 'users' }).getByText(admin.email).waitFor();
    await page.getByRole('tab', { name: 'Mailboxes' }).click();
    const form = page.getByRole('form', { name: 'add mailbox' });
    await form.getByLabel(/^Name/).fill('Local sink');
    await form.getByLabel('From address').fill('sales@demo.test');
    await form.getByLabel(/^Host/).fill('127.0.0.1');
    await form.getByLabel(/^Port/).fill(String(sink.port));
    await form.getByRole('button', { name: 'Add mailbox' }).click();
    const row = page.getByRole('table', { name: 'mailboxes' }).getByRole('row').filter({ hasText: 'Local sink' });
    await row.getByRole('button', { name: 'Test' }).click();
    await row.getByTestId('mailbox-check').filter({ hasText: 'accepted the connection' }).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'API keys' }).click();
    const keyForm = page.getByRole('form', { name: 'create api key' });
    await keyForm.getByLabel('Key name').fill('Zapier');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('new-api-key');
    await secret.waitFor();
    const shown = (await secret.locator('code').textContent())!;
    const check = await fetch(`${platform.baseUrl}/api/v1/flows`, { headers: { authorization: `Bearer ${shown}` } });
    expect(check.status).toBe(200);
    await shot(page, 'settings.png');
    await page.reload();
    await page.getByRole('table', { name: 'api keys' }).getByText('Zapier').waitFor();
    expect(await page.getByTestId('new-api-key').count()).toBe(0);
    expect(await page.content()).not.toContain(shown);

    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
