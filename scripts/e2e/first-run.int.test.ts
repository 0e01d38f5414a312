import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeLocalModel } from '@cadenza/activities';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { startMessagingPlatform, type MessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { demoUsers, generateDemoWorkspace } from '../demo/demo-data';
import { AI_CHAIN_FLOW_NAME, OUTREACH_FLOW_NAME } from '../demo/demo-flows';
import { seedDemoWorkspace } from '../demo/seed-demo';
import { DEMO_ENROLLMENT_COUNT, demoAiLeadEmails, enrollDemoAiLeads, enrollDemoRuns } from '../demo/demo-enrollments';
import { DEMO_AUTO_APPROVED, approveDemoDrafts } from '../demo/demo-approvals';
import { deleteDemoWorkspace } from '../demo/reset-demo';
import { ensureDemoMailbox, listenToDemoMailboxes } from '../demo/demo-mailbox';
import { parseSecretKey } from '@cadenza/data';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { testImapServer } from '@cadenza/test-harness/imap-mailbox';
import { SCREENSHOTS, assertWebBuilt, launchChromium } from './e2e-browser';

/**
 * One AI lead more than the seed approves: the draft the tour approves by hand. (The seed
 * enrolls six; three keep the local model's work in this test to a minimum.)
 */
const AI_LEADS = DEMO_AUTO_APPROVED + 1;

/**
 * The README's "First five minutes", walked by a new user in headless Chromium against the
 * real API, worker, Temporal, PostgreSQL, SMTP sink, IMAP server and local model: sign in to the
 * seeded demo, see the AI chain's live counts in the designer, approve a draft in the approvals
 * inbox, find the sent email in the outbox, simulate the contact's reply there (emailed to the
 * rep's mailbox and read by its sync, no shortcut), and watch the contact page
 * and the designer react without a reload. Writes the PNGs the README shows.
 */
describe('first-run demo tour in the browser', () => {
  let messaging: MessagingPlatform;
  let live: LiveGateway;
  let browser: Browser;
  let context: BrowserContext;
  // A workspace of this test's own, so the seed test running alongside does not race it.
  const tenantId = randomUUID();
  const userTag = `tour${tenantId.slice(0, 8)}`;
  const admin = demoUsers(userTag).find((user) => user.role === 'admin')!;
  const rep = demoUsers(userTag).find((user) => user.role === 'sales_rep')!;
  const imap = testImapServer();
  const leadEmail = demoAiLeadEmails(AI_LEADS)[AI_LEADS - 1]!;
  const lead = generateDemoWorkspace().contacts.find((contact) => contact.email === leadEmail)!;
  const leadName = `${lead.firstName} ${lead.lastName}`;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    assertWebBuilt();
    // The sink delivers into the local IMAP server, as the launcher's does: the reply goes the real way.
    messaging = await startMessagingPlatform('first-run-e2e', {}, { deliverToImap: true });
    allowEgressTo(imap.port);
    const { db, temporal, server, config } = messaging.platform;
    live = attachLiveGateway(server, {
      db,
      redisUrl: config.REDIS_URL,
      resolveSession: createSessionResolver(db),
      config: { LIVE_RESYNC_INTERVAL_MS: 300 },
    });
    // Sends are always allowed here: the demo's business hours would make the test depend on the clock.
    await seedDemoWorkspace(db, {
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
    // The rep's local mailbox, as the launcher's seed makes it: sends through the sink, reads replies over IMAP.
    await ensureDemoMailbox(
      db,
      tenantId,
      {
        sinkPort: messaging.sink.port,
        imapPort: imap.port,
        imapPassword: imap.password,
        secretKey: parseSecretKey(process.env.CADENZA_SECRET_KEY!),
      },
      userTag,
    );
    expect(await listenToDemoMailboxes(db, { client: temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }, tenantId)).toBe(
      1,
    );
    const outreach = await enrollDemoRuns(db, temporal, config.TEMPORAL_TASK_QUEUE, tenantId);
    expect(outreach).toEqual({ started: DEMO_ENROLLMENT_COUNT, skipped: 0 });
    const ai = await enrollDemoAiLeads(db, temporal, config.TEMPORAL_TASK_QUEUE, { tenantId, count: AI_LEADS });
    expect(ai).toEqual({ started: AI_LEADS, skipped: 0 });
    // The first state: the marketer approved the first two drafts once the local model wrote them.
    const approved = await approveDemoDrafts(db, temporal, { tenantId, userTag, timeoutMs: 240_000, pollMs: 500 });
    expect(approved.approved).toBe(DEMO_AUTO_APPROVED);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (messaging) {
      const { db, temporal, server } = messaging.platform;
      await deleteDemoWorkspace(db, temporal, { tenantId, userTag }).catch(() => undefined);
      await live?.close();
      server.closeAllConnections();
      await messaging.stop();
    }
    // The worker's local model runs in a child process of this one.
    await closeLocalModel();
  });

  /** A tab of the signed-in browser that records page errors and console errors. */
  const newTab = async (): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.location().url.endsWith('/api/v1/auth/me')) return; // the 401 before sign-in
      consoleErrors.push(message.text());
    });
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name) });
  const badge = (page: Page, nodeId: string) => page.locator(`[data-testid="run-count-${nodeId}"] .flow-node-count`);

  it('walks the tour: flows, live counts, an approved draft, the outbox, a simulated reply seen live', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const baseUrl = messaging.platform.baseUrl;

    // 1. Sign in with the printed demo credentials: the two demo flows are there, published.
    const designer = await newTab();
    await designer.goto(baseUrl);
    await designer.fill('#email', admin.email);
    await designer.fill('#password', admin.password);
    await designer.click('button[type="submit"]');
    await designer.getByRole('heading', { name: 'Flows' }).waitFor();
    await designer.getByRole('link', { name: OUTREACH_FLOW_NAME }).waitFor();
    await designer.getByRole('link', { name: AI_CHAIN_FLOW_NAME }).waitFor();
    await shot(designer, 'first-run-flows.png');

    // 2. The AI chain: the two approved drafts went out and their runs wait for a reply; one lead waits at the agent.
    await designer.getByRole('link', { name: AI_CHAIN_FLOW_NAME }).click();
    await badge(designer, 'wait_reply')
      .filter({ hasText: String(DEMO_AUTO_APPROVED) })
      .waitFor({ timeout: 30_000 });
    await badge(designer, 'agent').filter({ hasText: '1' }).waitFor();
    await shot(designer, 'first-run-designer.png');

    // 3. The approvals inbox: the third lead's draft (the local model may still be writing it) is approved as it is.
    const inbox = await newTab();
    await inbox.goto(`${baseUrl}/approvals`);
    const card = inbox.getByRole('article', { name: `draft for ${leadName}` });
    await card.waitFor({ timeout: 180_000 });
    await shot(inbox, 'first-run-approvals.png');
    const subject = (await card.locator('h6').first().textContent())!.trim();
    await card.getByRole('button', { name: 'Approve and send' }).click();
    await card.waitFor({ state: 'detached' });
    // The designer, still open, follows: the run left the agent step for the reply wait.
    await badge(designer, 'wait_reply')
      .filter({ hasText: String(DEMO_AUTO_APPROVED + 1) })
      .waitFor({ timeout: 30_000 });

    // 4. The outbox: the approved draft went out through the sink; open it.
    await inbox.getByRole('link', { name: 'Outbox' }).click();
    await inbox.getByRole('heading', { name: 'Outbox' }).waitFor();
    const message = inbox.getByRole('list', { name: 'messages' }).getByRole('button').filter({ hasText: leadEmail });
    await message.waitFor({ timeout: 30_000 });
    await message.click();
    await inbox.getByLabel('message subject').filter({ hasText: subject }).waitFor();

    // 5. The contact, open in another tab before the reply: what happens next shows up there live.
    const contactTab = await newTab();
    await contactTab.goto(`${baseUrl}/contacts`);
    await contactTab.getByLabel('Search').fill(leadEmail);
    await contactTab.getByRole('link', { name: leadName }).click();
    await contactTab.getByRole('heading', { name: leadName }).waitFor();
    await contactTab.getByRole('list', { name: 'timeline' }).getByText(`${admin.name} approved the AI draft`).waitFor();

    // 6. Simulate the reply from the outbox: the run takes the reply branch, tags the contact and leaves.
    await inbox.getByRole('button', { name: 'Simulate reply' }).click();
    await inbox.getByText(`Reply emailed to ${rep.email}; the mailbox sync reads it`, { exact: false }).waitFor();
    await shot(inbox, 'first-run-outbox.png');
    await contactTab.locator('.MuiChip-label', { hasText: /^replied$/ }).waitFor({ timeout: 30_000 });
    await shot(contactTab, 'first-run-reply.png');
    await badge(designer, 'wait_reply')
      .filter({ hasText: String(DEMO_AUTO_APPROVED) })
      .waitFor({ timeout: 30_000 });

    // 7-8. The two leads approved at start: one answers with an out-of-office, the other asks to be removed.
    const otherEmails = inbox
      .getByRole('list', { name: 'messages' })
      .getByRole('button')
      .filter({ hasNotText: leadEmail });
    const addressOf = async (index: number) =>
      /[\w.+-]+@[\w.-]+\.\w+/.exec((await otherEmails.nth(index).textContent()) ?? '')![0];
    const [awayEmail, leavingEmail] = [await addressOf(0), await addressOf(1)];
    const answer = async (address: string, sample: string, button: string) => {
      await otherEmails.filter({ hasText: address }).click();
      await inbox.getByRole('group', { name: 'sample replies' }).getByRole('button', { name: sample }).click();
      await inbox.getByRole('button', { name: button }).click();
      await inbox.getByText(`Reply emailed to ${rep.email}; the mailbox sync reads it`, { exact: false }).waitFor();
    };
    const openContact = async (address: string) => {
      await contactTab.goto(`${baseUrl}/contacts`);
      await contactTab.getByLabel('Search').fill(address);
      await contactTab.getByRole('row').filter({ hasText: address }).getByRole('link').first().click();
      return contactTab.getByRole('list', { name: 'timeline' });
    };

    // 7. The out-of-office is read as such: the run does not leave, it rests until the day after the return.
    await answer(awayEmail, 'Out of office', 'Simulate automatic reply');
    const awayTimeline = await openContact(awayEmail);
    await awayTimeline
      .getByText(/Automatic reply read as out of office \(\d+%\), back \d{4}-\d{2}-\d{2}/)
      .waitFor({ timeout: 90_000 });
    await awayTimeline
      .getByText(/Sequence paused until \d{4}-\d{2}-\d{2} \(out of office\)/)
      .waitFor({ timeout: 30_000 });
    await contactTab.reload();
    await contactTab
      .getByRole('list', { name: 'active enrollments' })
      .getByText(/Paused until .* \(out of office\)/)
      .waitFor();
    await shot(contactTab, 'first-run-out-of-office.png');
    await badge(designer, 'wait_reply')
      .filter({ hasText: String(DEMO_AUTO_APPROVED) })
      .waitFor({ timeout: 30_000 });

    // 8. "Please remove me" suppresses the address and takes the contact out of every flow.
    await answer(leavingEmail, 'Unsubscribe', 'Simulate reply');
    const leavingTimeline = await openContact(leavingEmail);
    await leavingTimeline
      .getByText('Asked to be removed: email suppressed and removed from every flow')
      .waitFor({ timeout: 90_000 });
    await shot(contactTab, 'first-run-unsubscribe.png');
    await badge(designer, 'wait_reply')
      .filter({ hasText: String(DEMO_AUTO_APPROVED - 1) })
      .waitFor({ timeout: 30_000 });

    expect(consoleErrors).toEqual([]);
  }, 480_000);
});
