import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiKey, type DataSource } from '@cadenza/activities/data';
import { startSmtpSink, type SmtpSink } from '@cadenza/activities/messaging';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { connectTestDb, startTestPlatform, type TestPlatform } from '../test-harness/integration';
import { requireService } from '../test-harness/service-env';
import { demoUsers } from '../demo/demo-data';
import { AI_CHAIN_FLOW_NAME, OUTREACH_FLOW_NAME } from '../demo/demo-flows';
import { seedDemoWorkspace, type DemoSeedResult } from '../demo/seed-demo';
import { DEMO_ENROLLMENT_COUNT, enrollDemoRuns } from '../demo/demo-enrollments';
import { deleteDemoWorkspace } from '../demo/reset-demo';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The README's "First five minutes", walked by a new user in headless Chromium against the
 * real API, worker, Temporal, PostgreSQL and SMTP sink: sign in to the seeded demo as the
 * marketer, open the outreach sequence with its live run counts, find a sent email in the
 * outbox, simulate the contact's reply, and watch the run leave the flow. Writes the PNGs
 * the README shows.
 */
describe('first-run demo tour in the browser', () => {
  let platform: TestPlatform;
  let live: LiveGateway;
  let browser: Browser;
  let sink: SmtpSink;
  let sinkDb: DataSource;
  let seed: DemoSeedResult;
  let apiKey: string;
  const saved = { ...process.env };
  // A workspace of this test's own, so the seed test running alongside does not race it.
  const tenantId = randomUUID();
  const userTag = `tour${tenantId.slice(0, 8)}`;
  const marketer = demoUsers(userTag).find((user) => user.role === 'marketer')!;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
    }
    sinkDb = await connectTestDb();
    sink = await startSmtpSink({ db: sinkDb, port: 0 });
    // The worker of this process reads where to send from the environment.
    Object.assign(process.env, {
      CADENZA_SECRET_KEY: randomBytes(32).toString('hex'),
      SMTP_SINK_PORT: String(sink.port),
      REDIS_URL: requireService('redis'),
    });
    platform = await startTestPlatform(`first-run-e2e-${randomUUID()}`);
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
      config: { LIVE_RESYNC_INTERVAL_MS: 300 },
    });
    // Sends are always allowed here: the demo's business hours would make the test depend on the clock.
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
    expect(enrolled).toEqual({ started: DEMO_ENROLLMENT_COUNT, skipped: 0 });
    apiKey = await createApiKey(platform.db, tenantId, 'tour test');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 90_000);
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

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name) });

  it('walks the tour: flows, live counts, the outbox, a simulated reply that unenrolls a contact', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.location().url.endsWith('/api/v1/auth/me')) return; // the 401 before sign-in
      consoleErrors.push(message.text());
    });

    // 1. Sign in with the printed demo credentials: the two demo flows are there, published.
    await page.goto(platform.baseUrl);
    await page.fill('#email', marketer.email);
    await page.fill('#password', marketer.password);
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.getByRole('link', { name: AI_CHAIN_FLOW_NAME }).waitFor();
    await page.getByRole('link', { name: OUTREACH_FLOW_NAME }).waitFor();
    await shot(page, 'first-run-flows.png');

    // 2. The outreach sequence: every enrolled lead got the first email and waits for a reply.
    await page.getByRole('link', { name: OUTREACH_FLOW_NAME }).click();
    const waiting = page.locator('[data-testid="run-count-wait_reply_1"] .MuiBadge-badge');
    await waiting.filter({ hasText: String(DEMO_ENROLLMENT_COUNT) }).waitFor({ timeout: 30_000 });
    await shot(page, 'first-run-designer.png');

    // 3. The outbox holds the sent emails; open one contact's.
    const [run] = (await api(`/runs?flowId=${seed.outreachFlowId}`)).body.items;
    const contactId = run.contactId as string;
    const outbox = await api(`/outbox?contactId=${contactId}`);
    expect(outbox.status).toBe(200);
    const [message] = outbox.body.items;
    expect(message).toMatchObject({ subject: expect.stringContaining('Quick question') });
    const outboxPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await outboxPage.setExtraHTTPHeaders({ authorization: `Bearer ${apiKey}` });
    await outboxPage.goto(`${platform.baseUrl}/api/v1/outbox/${message.id}`);
    // Chromium's JSON viewer: pretty-printed reads better in the README.
    await outboxPage
      .getByLabel('Pretty-print')
      .check()
      .catch(() => undefined);
    await shot(outboxPage, 'first-run-outbox.png');
    await outboxPage.close();

    // 4. Simulate the reply: the run takes the reply branch, tags the contact and leaves, live.
    const reply = await api(`/outbox/${message.id}/reply`, {
      method: 'POST',
      body: { text: 'Sounds good, call me Tuesday' },
    });
    expect(reply.status).toBe(202);
    await waiting.filter({ hasText: String(DEMO_ENROLLMENT_COUNT - 1) }).waitFor({ timeout: 30_000 });
    const contact = await api(`/contacts/${contactId}`);
    expect(contact.body.tags).toContain('replied');
    await page.locator('[data-testid="canvas"] .react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page
      .locator('[aria-label="runs"] .MuiListItemButton-root', { hasText: /^completed/ })
      .first()
      .click();
    const drawer = page.getByRole('region', { name: 'run detail' });
    await drawer.getByText('wait_reply_1 · completed → next').waitFor();
    await shot(page, 'first-run-reply.png');

    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
