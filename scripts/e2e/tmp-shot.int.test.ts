import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ensureTenantAdmin } from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { launchChromium, signIn } from './e2e-browser';

describe('tmp', () => {
  let platform: TestPlatform;
  let browser: Browser;
  it('shots', async () => {
    platform = await startTestPlatform(`tmp-${randomUUID()}`);
    const tenant = await createTenantWithKey(platform.db, 'A workspace with a long name');
    const email = `admin-${randomUUID()}@example.com`;
    await ensureTenantAdmin(platform.db, {
      tenantId: tenant.tenantId,
      email,
      password: 'pw horse battery staple',
      name: 'Ada Admin',
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: Number(process.env.W ?? 1440), height: 900 } });
    await signIn(page, platform.baseUrl, email, 'pw horse battery staple');
    const api = (method: string, path: string, body?: unknown) => fetch(`${platform.baseUrl}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` }, body: body ? JSON.stringify(body) : undefined }).then((r) => r.json());
    const pipe = await api('POST', '/pipelines', { name: 'Sales', stages: ['Qualified', 'Demo', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost'].map((name) => ({ name })) });
    for (const [i, st] of pipe.stages.entries()) await api('POST', '/deals', { name: `Deal ${i} with a long name`, amount: 1000 * (i + 1), pipelineId: pipe.id, stageId: st.id, closeDate: i % 2 ? '2020-01-01' : '2030-01-01' });
    await page.goto(`${platform.baseUrl}/deals`);
    await page.waitForTimeout(2500);
    const widths = await page.evaluate(() => {
      const bar = document.querySelector('header .MuiToolbar-root') as HTMLElement;
      return {
        bar: bar.getBoundingClientRect().height,
        items: [...bar.children].map(
          (c) => `${(c as HTMLElement).innerText.slice(0, 30)}:${Math.round(c.getBoundingClientRect().width)}`,
        ),
      };
    });
    console.log(JSON.stringify(widths));
    await page.screenshot({ path: '/tmp/bar-1440.png' });
    await browser.close();
    platform.server.closeAllConnections();
    await platform.stop();
  }, 120_000);
});
