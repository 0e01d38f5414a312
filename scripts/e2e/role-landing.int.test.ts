import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ensureTenantAdmin, inviteTenantUser } from '@cadenza/data';
import type { Role } from '@cadenza/core';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { assertWebBuilt, launchChromium, newSessionPage, signIn } from './e2e-browser';

/**
 * Each role lands where its work is and is offered only what it may do (issue 23 item 7), and
 * every member sees contacts' owners by name (item 6), in headless Chromium against the real API.
 */
describe('landing pages and owners by role, in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let live: LiveGateway;
  let tenant: { tenantId: string; apiKey: string };
  const errors: string[] = [];
  const PASSWORD = 'landing horse battery staple';
  const people: Record<Role, { email: string; name: string }> = {
    admin: { email: `admin-${randomUUID()}@example.com`, name: 'Ada Admin' },
    marketer: { email: `marketer-${randomUUID()}@example.com`, name: 'Maya Marketer' },
    sales_rep: { email: `rep-${randomUUID()}@example.com`, name: 'Sam Rep' },
    ops: { email: `ops-${randomUUID()}@example.com`, name: 'Omar Ops' },
  };
  let repId: string;

  beforeAll(async () => {
    assertWebBuilt();
    platform = await startTestPlatform(`role-landing-${randomUUID()}`);
    // The contacts page listens for live changes, as it does under `npm start`.
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
    });
    tenant = await createTenantWithKey(platform.db, 'Landing e2e');
    const owner = await ensureTenantAdmin(platform.db, {
      tenantId: tenant.tenantId,
      email: people.admin.email,
      password: PASSWORD,
      name: people.admin.name,
    });
    for (const role of ['marketer', 'sales_rep', 'ops'] as const) {
      const invited = await inviteTenantUser(
        platform.db,
        tenant.tenantId,
        { ...people[role], password: PASSWORD, role },
        { kind: 'user', id: owner.userId },
      );
      if (role === 'sales_rep') repId = invited.user.id;
    }
    const response = await fetch(`${platform.baseUrl}/api/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: JSON.stringify({
        firstName: 'Owned',
        lastName: 'Lead',
        email: `lead-${randomUUID()}@example.com`,
        ownerId: repId,
      }),
    });
    expect(response.status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
  });

  async function signedIn(role: Role) {
    const page = await newSessionPage(browser, errors);
    await signIn(page, platform.baseUrl, people[role].email, PASSWORD);
    return page;
  }

  it('lands marketers and admins on Flows with Create flow, reps on their leads, ops on the platform status', async () => {
    for (const role of ['admin', 'marketer'] as const) {
      const page = await signedIn(role);
      await page.getByRole('heading', { name: 'Flows' }).waitFor();
      await page.getByRole('button', { name: 'Create flow' }).waitFor();
      await page.close();
    }

    const rep = await signedIn('sales_rep');
    await rep.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(new URL(rep.url()).pathname).toBe('/contacts');
    // Their own lead, owned by "Me"; and Flows is there to read, with nothing offered that would be refused.
    await rep.getByRole('link', { name: 'Owned Lead' }).waitFor();
    await rep.getByRole('link', { name: 'Flows', exact: true }).click();
    await rep.getByRole('heading', { name: 'Flows' }).waitFor();
    await rep.getByText('No flows yet: marketers build them.').waitFor();
    expect(await rep.getByRole('button', { name: 'Create flow' }).count()).toBe(0);
    await rep.close();

    const ops = await signedIn('ops');
    await ops.getByRole('heading', { name: 'Platform status' }).waitFor();
    expect(new URL(ops.url()).pathname).toBe('/status');
    await ops.close();
  }, 120_000);

  it("keeps the wide bar on one row at 1440 px, the person's pages and sign-out in the account menu", async () => {
    const page = await newSessionPage(browser, errors);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, platform.baseUrl, people.admin.email, PASSWORD);
    const bar = await page.locator('header').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(72);
    const main = page.getByRole('navigation', { name: 'main' });
    for (const link of ['Flows', 'Contacts', 'Deals', 'Tasks', 'Import', 'Outbox', 'Approvals', 'Analytics'])
      await main.getByRole('link', { name: link, exact: true }).waitFor();
    await page.getByRole('button', { name: 'account menu' }).click();
    const menu = page.getByRole('navigation', { name: 'account' });
    for (const link of ['Settings', 'Status', 'Account']) await menu.getByRole('link', { name: link }).waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'account menu' }).click();
    await menu.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#email').waitFor();
    await page.close();
  }, 60_000);

  it("names each contact's owner for every member, instead of 'another user'", async () => {
    const page = await signedIn('marketer');
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Owned Lead' });
    await row.getByText('Sam Rep').waitFor();
    expect(await page.getByText('another user').count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
