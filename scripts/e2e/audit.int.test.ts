import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureTenantAdmin } from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { SCREENSHOTS, assertWebBuilt, launchChromium, newSessionPage, signIn } from './e2e-browser';

/** The Audit page (issue 24) in headless Chromium: reach it from the account menu, filter, read an entry, export. */
describe('audit page, in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let tenant: { tenantId: string; apiKey: string };
  const errors: string[] = [];
  const PASSWORD = 'audit horse battery staple';
  const email = `audit-admin-${randomUUID()}@example.com`;

  beforeAll(async () => {
    assertWebBuilt();
    platform = await startTestPlatform(`audit-e2e-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Audit e2e');
    await ensureTenantAdmin(platform.db, { tenantId: tenant.tenantId, email, password: PASSWORD, name: 'Ada Admin' });
    // Entries to find: a failed sign-in of the admin's account, and an API key made through the API.
    const failed = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'wrong password' }),
    });
    expect(failed.status).toBe(401);
    const key = await fetch(`${platform.baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: JSON.stringify({ name: 'Reporting', role: 'ops' }),
    });
    expect(key.status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
  });

  it('filters the trail by action, shows the entry readably and exports the filtered entries', async () => {
    const page = await newSessionPage(browser, errors);
    await signIn(page, platform.baseUrl, email, PASSWORD);
    await page.getByRole('button', { name: 'account menu' }).click();
    await page.getByRole('navigation', { name: 'account' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    // Unfiltered: the sign-in just made and the API key are both there.
    await page.getByTestId('audit-entry').filter({ hasText: 'name: Reporting' }).waitFor();

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'sign in failed' }).click();
    const failure = page.getByTestId('audit-entry').filter({ hasText: 'reason: invalid_credentials' });
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toContain(`email: ${email}`);
    await expect(failure.textContent()).resolves.toContain('127.0.0.1');
    await page.getByTestId('audit-entry').filter({ hasText: 'name: Reporting' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('audit-entry').count()).toBe(1);
    // The select's menu fades out after the choice; the screenshot waits for it to be gone.
    await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'audit.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Time,Actor Kind,Actor ID,Client Address,Action,Entity,Entity ID,Change');
    expect(csv).toContain('sign_in_failed');
    expect(csv).not.toContain('Reporting');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
