/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { EventPublisher, inviteTenantUser, startEventRelay, type EventRelay } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { waitUntil } from '../services/wait-until';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform, type MessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { assertWebBuilt, launchChromium, newSessionPage, SCREENSHOTS, signIn } from './e2e-browser';

/**
 * A sales rep's day in headless Chromium against the real API, worker, Temporal, PostgreSQL,
 * Redis and SMTP sink: sign in, filter the contacts table, open a lead, and watch the page
 * change live (a new timeline entry, a new lifecycle stage) when the lead replies to a
 * sequence email, the reply coming in through another session (the outbox's simulate-reply).
 */
describe('contacts workspace in the browser', () => {
  let messaging: MessagingPlatform;
  let live: LiveGateway;
  let relay: EventRelay;
  let browser: Browser;
  let rep: Principal;
  const errors: string[] = [];
  const email = `rep-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    assertWebBuilt();
    messaging = await startMessagingPlatform('contacts-e2e');
    const { platform } = messaging;
    // As in production: the relay publishes committed events to Redis, the gateway pushes them to sockets.
    relay = startEventRelay({
      databaseUrl: platform.config.DATABASE_URL,
      db: platform.db,
      publisher: new EventPublisher(platform.redis),
    });
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
    });
    const { user } = await inviteTenantUser(
      platform.db,
      messaging.tenant.tenantId,
      { email, password, role: 'sales_rep', name: 'Sam Rep' },
      { kind: 'system', id: null },
    );
    rep = { tenantId: messaging.tenant.tenantId, userId: user.id, role: 'sales_rep', via: 'session' };
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    await relay?.close();
    messaging?.platform.server.closeAllConnections();
    await messaging?.stop();
  });

  const api = async (apiPath: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${messaging.platform.baseUrl}/api/v1${apiPath}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${messaging.tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  /** A sequence that emails the lead, waits for the reply, and then marks the lead sales-qualified. */
  async function publishReplySequence(): Promise<string> {
    const created = await api('/flows', {
      method: 'POST',
      body: {
        name: 'Webinar follow-up',
        kind: 'sequence',
        draft: flowOf(
          [
            { id: 'mail', type: 'send_email', settings: { subject: 'Thanks for joining', body: '<p>Hi!</p>' } },
            {
              id: 'await_reply',
              type: 'wait_for_event',
              settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
            },
            {
              id: 'qualify',
              type: 'update_field',
              settings: { field: 'lifecycleStage', value: 'sales_qualified_lead' },
            },
          ],
          [
            ['start', 'mail'],
            ['mail', 'await_reply'],
            ['await_reply', 'qualify'],
          ],
        ),
      },
    });
    expect(created.status).toBe(201);
    expect((await api(`/flows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    return created.body.id as string;
  }

  it('filters contacts, opens one, and shows a reply from another session live', async () => {
    const { platform } = messaging;
    const admin = messaging.admin;
    const mine = { ownerId: rep.userId };
    const leadId = await newContact(platform.db, admin, {
      ...mine,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: `grace-${randomUUID()}@example.com`,
      lifecycleStage: 'lead',
      tags: ['webinar'],
      score: 64,
    });
    for (let i = 0; i < 30; i++) {
      await newContact(platform.db, admin, {
        ...mine,
        firstName: `Customer${i}`,
        lastName: 'Smith',
        lifecycleStage: 'customer',
      });
    }
    await newContact(platform.db, admin, { ...mine, firstName: 'Alan', lastName: 'Turing', lifecycleStage: 'lead' });
    // Someone else's lead: a sales rep never sees it.
    await newContact(platform.db, admin, { firstName: 'Other', lastName: 'Owner', lifecycleStage: 'lead' });

    const flowId = await publishReplySequence();
    const enrolled = await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [leadId] } });
    expect(enrolled.body.items[0]).toMatchObject({ status: 'started' });
    const message = await waitUntil(
      'the sequence email sent and the run waiting for the reply',
      async () => {
        const run = (await api(`/runs?flowId=${flowId}&contactId=${leadId}`)).body.items[0];
        if (run?.currentNodeId !== 'await_reply') return undefined;
        return (await api(`/outbox?contactId=${leadId}`)).body.items[0];
      },
      { timeoutMs: 30_000 },
    );

    // The rep signs in and filters their contacts down to leads.
    const page = await newSessionPage(browser, errors);
    await signIn(page, platform.baseUrl, email, password);
    await page.getByRole('link', { name: 'Contacts' }).click();
    const grid = page.getByRole('grid', { name: 'contacts' });
    // Newest changes first: the last contact made heads the list of 32.
    await grid.getByRole('link', { name: 'Alan Turing' }).waitFor();
    expect(await grid.getByRole('link', { name: 'Customer29 Smith' }).count()).toBe(1);
    await page.selectOption('#filter-stage', 'lead');
    await waitUntil('only the rep’s two leads listed', async () =>
      (await grid.locator('[data-contact-id]').count()) === 2 ? true : undefined,
    );
    expect(await grid.getByText('Other Owner').count()).toBe(0);
    await page.fill('#contact-search', 'hopper');
    await waitUntil('the search narrowing the list to one lead', async () =>
      (await grid.locator('[data-contact-id]').count()) === 1 ? true : undefined,
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'contacts.png') });

    // The contact page: details, score, the active enrollment at its waiting step.
    await grid.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    await page.getByTestId('contact-stage').getByText('lead', { exact: true }).waitFor();
    // The score comes from its own request: wait for it rather than read whatever is there first.
    await page.locator('[data-testid="contact-score"]', { hasText: /^64$/ }).waitFor();
    const enrollments = page.getByRole('list', { name: 'active enrollments' });
    await enrollments.getByText('Webinar follow-up').waitFor();
    await enrollments.getByText(/step await_reply/).waitFor();
    // Marks this document: a reload would lose it, so finding it later proves the page changed live.
    await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = 'still here'));

    // The lead answers; the reply arrives through another session (the outbox's simulate-reply).
    const replied = await api(`/outbox/${message.id}/reply`, {
      method: 'POST',
      body: { text: 'Yes, let us talk next week' },
    });
    expect(replied.status).toBe(202);
    const timeline = page.getByRole('list', { name: 'timeline' });
    await timeline.getByText('Replied: Yes, let us talk next week').waitFor({ timeout: 20_000 });
    await page.getByTestId('contact-stage').getByText('sales qualified lead').waitFor({ timeout: 20_000 });
    await timeline.getByText('Lifecycle stage changed from lead to sales_qualified_lead').waitFor();
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe('still here');
    await page.getByRole('list', { name: 'active enrollments' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'contact-live.png') });

    expect(errors).toEqual([]);
  }, 120_000);

  it('draws the Contacts heading before any script, where the page then draws it (a phone)', async () => {
    const phone = { width: 412, height: 823 };
    // The text's own box: the static heading is a block, the page's sits in a flex row.
    const headingBox = () =>
      page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('h1')!);
        const { x, y, width, height } = range.getBoundingClientRect();
        return { x, y, width, height, text: range.toString() };
      });
    const staticContext = await browser.newContext({ viewport: phone, javaScriptEnabled: false });
    let page = await staticContext.newPage();
    await page.goto(`${messaging.platform.baseUrl}/contacts`);
    const drawnByHtml = await headingBox();
    await staticContext.close();

    page = await newSessionPage(browser, errors);
    await signIn(page, messaging.platform.baseUrl, email, password);
    await page.setViewportSize(phone);
    await page.goto(`${messaging.platform.baseUrl}/contacts`);
    await page.locator('h1.MuiTypography-root').waitFor();
    const drawnByReact = await headingBox();
    await page.close();

    expect(drawnByHtml.text).toBe('Contacts');
    expect(drawnByReact.text).toBe('Contacts');
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(drawnByHtml[side] - drawnByReact[side])).toBeLessThan(0.5);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
