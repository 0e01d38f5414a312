import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createFlow, createTenant, ensureTenantAdmin } from '@cadenza/data';
import type { FlowDefinitionInput, Principal } from '@cadenza/core';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { newContact } from '@cadenza/test-harness/flow-fixtures';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-flags';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';

const ROOT = path.resolve(__dirname, '..', '..');

/** start → mail → tag: small enough to read, with one email to template and one side effect to capture. */
const DRAFT: FlowDefinitionInput = {
  trigger: { id: 'start', type: 'manual', position: { x: 0, y: 0 }, settings: {} },
  settings: {},
  nodes: [
    {
      id: 'mail',
      type: 'send_email',
      position: { x: 40, y: 400 },
      settings: { subject: 'Hello', body: 'We make tools for your team.' },
    },
    { id: 'tag', type: 'add_tag', position: { x: 900, y: 20 }, settings: { tag: 'contacted' } },
  ],
  edges: [
    { from: 'start', to: 'mail' },
    { from: 'mail', to: 'tag' },
  ],
};

/**
 * The designer's tools in headless Chromium against the real API, worker, Temporal and
 * PostgreSQL: the template editor with its variable picker and preview, auto-layout and
 * keyboard shortcuts, flow settings, publish with a diff, version history, a test run with
 * captured side effects, the workspace switch, and the designer at tablet width.
 */
describe('designer tools in the browser', () => {
  let platform: TestPlatform;
  let live: LiveGateway;
  let browser: Browser;
  let tenant: { tenantId: string; apiKey: string };
  let flowId: string;
  /** A second flow for settings and layout, so the sending window set there cannot hold up the test run. */
  let settingsFlowId: string;
  const consoleErrors: string[] = [];
  const email = `designer-tools-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const lastName = `Quillfeather${randomUUID().slice(0, 6)}`;

  const api = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
    }
    platform = await startTestPlatform(`designer-tools-e2e-${randomUUID()}`);
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
      config: { LIVE_RESYNC_INTERVAL_MS: 300 },
    });
    tenant = await createTenantWithKey(platform.db, 'Tools workspace');
    const { userId } = await ensureTenantAdmin(platform.db, {
      tenantId: tenant.tenantId,
      email,
      password,
      name: 'Mara Marketer',
    });
    // A second workspace where the same person is ops, for the workspace switch.
    const other = await createTenant(platform.db, 'Ops workspace');
    await platform.db.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'ops')`, [
      other.id,
      userId,
    ]);
    const opsPrincipal: Principal = { tenantId: other.id, userId: null, role: 'admin', via: 'api_key' };
    await createFlow(
      platform.db,
      opsPrincipal,
      { name: 'Ops watched flow', kind: 'sequence', draft: DRAFT },
      harnessEgress.allow,
    );
    await api('POST', '/custom-fields', { key: 'industry', label: 'Industry', type: 'text' });
    const principal: Principal = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
    await newContact(platform.db, principal, {
      firstName: 'Grace',
      lastName,
      email: `grace-${randomUUID()}@example.com`,
      customFields: { industry: 'Shipbuilding' },
    });
    flowId = (await api('POST', '/flows', { name: 'Tools flow', kind: 'sequence', draft: DRAFT })).id;
    settingsFlowId = (await api('POST', '/flows', { name: 'Settings flow', kind: 'sequence', draft: DRAFT })).id;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    platform?.server.closeAllConnections();
    await platform?.stop();
  });

  async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      // Before sign-in the app asks who is signed in, and the preview of a broken template is
      // refused on purpose: the browser logs both answers itself.
      if (url.endsWith('/api/v1/auth/me') || url.endsWith('/api/v1/templates/preview')) return;
      consoleErrors.push(`${message.text()} (${url})`);
    });
    await page.goto(platform.baseUrl);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    return page;
  }

  const nodeBox = async (page: Page, id: string) => {
    const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    if (!box) throw new Error(`node ${id} not on screen`);
    return box;
  };

  /** Picks a contact in an autocomplete by typing their (unique) last name. */
  async function pickContact(page: Page, inputId: string) {
    await page.fill(`#${inputId}`, lastName);
    await page.getByRole('option', { name: new RegExp(lastName) }).click();
  }

  it('edits an email with the variable picker and previews it for a chosen contact', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    // Opened by its address, the designer's session and flow come preloaded with the page (the
    // Link header): each is fetched once, the app's own request answered from the preload.
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === '/api/v1/auth/me' || pathname === `/api/v1/flows/${flowId}`) reads.push(pathname);
    });
    const opened = await page.goto(`${platform.baseUrl}/flows/${flowId}`);
    expect(opened?.headers().link).toContain(`</api/v1/flows/${flowId}>; rel=preload; as=fetch; crossorigin`);
    await page.locator('.react-flow__node[data-id="mail"]').click();
    expect(reads.sort()).toEqual(['/api/v1/auth/me', `/api/v1/flows/${flowId}`]);
    const subject = page.locator('#field-subject');
    await subject.click();
    await subject.press('End');
    await subject.pressSequentially(', ');
    await page.getByRole('button', { name: 'Insert variable' }).click();
    await page.locator('[data-token="{{contact.firstName}}"]').click();
    await expect(subject.inputValue()).resolves.toBe('Hello, {{contact.firstName}}');

    // Custom fields come from the API, under their own group.
    const body = page.locator('#field-body');
    await body.click();
    await body.press('End');
    await body.pressSequentially(' Built for ');
    await page.getByRole('button', { name: 'Insert variable' }).click();
    // Besides the contact, the catalogue offers the company, the open deal, the sender and the owner.
    await page.locator('[data-token="{{company.name}}"]').waitFor();
    await page.locator('[data-token="{{sender.name}}"]').waitFor();
    await page.locator('[data-token="{{contact.custom.industry}}"]').click();
    await expect(body.inputValue()).resolves.toBe('We make tools for your team. Built for {{contact.custom.industry}}');

    await pickContact(page, 'preview-contact');
    await page.getByRole('button', { name: 'Render preview' }).click();
    await page.getByTestId('preview-subject').filter({ hasText: 'Hello, Grace' }).waitFor();
    await expect(page.getByTestId('preview-text').textContent()).resolves.toContain('Built for Shipbuilding');

    // A variable the contact lacks is named before any run fails on it.
    await subject.fill('Hi {{contact.nickname}}');
    await page.getByRole('button', { name: 'Render preview' }).click();
    await page.getByText(/nickname" is missing/).waitFor();
    await subject.fill('Hello, {{contact.firstName}}');

    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved').waitFor();
    const stored = await api('GET', `/flows/${flowId}`);
    expect(stored.draft.nodes[0].settings.subject).toBe('Hello, {{contact.firstName}}');
    await page.close();
  }, 120_000);

  it('tidies the layout, deletes with the keyboard and undoes both, and edits flow settings', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    await page.goto(`${platform.baseUrl}/flows/${settingsFlowId}`);
    await page.locator('.react-flow__node[data-id="tag"]').waitFor();
    // The stored positions zigzag; after tidying, the three steps sit on one row, left to right.
    await page.getByRole('button', { name: 'Tidy up' }).click();
    // (Strings run in the page: this project's Node typings have no DOM.)
    await page.waitForFunction(`(() => {
      const ys = ['start', 'mail', 'tag'].map(
        (id) => document.querySelector('.react-flow__node[data-id="' + id + '"]').getBoundingClientRect().top,
      );
      return Math.max(...ys) - Math.min(...ys) < 5;
    })()`);
    const [start, mail, tag] = [await nodeBox(page, 'start'), await nodeBox(page, 'mail'), await nodeBox(page, 'tag')];
    expect(start.x).toBeLessThan(mail.x);
    expect(mail.x).toBeLessThan(tag.x);

    await page.locator('.react-flow__node[data-id="tag"]').click();
    await page.keyboard.press('Delete');
    await page.locator('.react-flow__node[data-id="tag"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="canvas"] .react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await page.locator('.react-flow__node[data-id="tag"]').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Flow settings' });
    await settings.locator('#settings-window-enabled').check();
    await settings.locator('#settings-day-fri').uncheck();
    await settings.locator('#settings-window-start').fill('10:00');
    await settings.locator('#settings-unenroll-reply').uncheck();
    await settings.locator('#settings-reenrollment').selectOption('after_exit');
    await settings.locator('#settings-cooldown-amount').fill('30');
    // A window that closes before it opens cannot be applied.
    await settings.locator('#settings-window-end').fill('09:00');
    await settings.getByText('must close after it opens').waitFor();
    expect(await settings.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await settings.locator('#settings-window-end').fill('16:00');
    await settings.getByRole('button', { name: 'Apply' }).click();
    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved').waitFor();
    const stored = await api('GET', `/flows/${settingsFlowId}`);
    expect(stored.draft.settings).toMatchObject({
      sendingWindow: { days: ['mon', 'tue', 'wed', 'thu'], start: '10:00', end: '16:00' },
      unenrollOn: { reply: false, bounce: true },
      reenrollment: { policy: 'after_exit', cooldown: { amount: 30, unit: 'days' } },
    });
    await page.close();
  }, 120_000);

  it('publishes with a diff against the previous version, and shows an old version read-only', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    await page.goto(`${platform.baseUrl}/flows/${flowId}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog', { name: 'Publish the first version' }).getByText('Steps added:').waitFor();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published version 1').waitFor();

    await page.locator('.react-flow__node[data-id="tag"]').click();
    await page.fill('#field-tag', 'emailed');
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 2' });
    const changes = dialog.getByRole('region', { name: 'changes' });
    await changes.getByText('settings.tag').waitFor();
    await expect(changes.locator('del').first().textContent()).resolves.toBe('contacted');
    await expect(changes.locator('ins').first().textContent()).resolves.toBe('emailed');
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published version 2').waitFor();

    await page.getByRole('button', { name: 'History' }).click();
    const versions = page.getByRole('list', { name: 'versions' });
    await versions.getByText('Version 2').waitFor();
    await versions.getByText('Version 1').click();
    const viewer = page.getByRole('dialog', { name: /Version 1/ });
    await viewer.locator('.react-flow__node[data-id="tag"]').click();
    const oldTag = viewer.locator('#field-tag');
    await expect(oldTag.inputValue()).resolves.toBe('contacted');
    expect(await oldTag.isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Delete step' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Back to versions' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.close();
  }, 120_000);

  it('test-runs the draft against a contact and lists the captured side effects', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    await page.goto(`${platform.baseUrl}/flows/${flowId}`);
    await page.getByRole('button', { name: 'Test run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    await pickContact(page, 'test-run-contact');
    await dialog.getByRole('button', { name: 'Start test run' }).click();
    const result = dialog.getByRole('region', { name: 'test run result' });
    await result.getByText('completed', { exact: true }).waitFor({ timeout: 45_000 });
    await expect(result.getByTestId('captured-tag').textContent()).resolves.toContain('"addTag": "emailed"');
    await expect(result.getByTestId('captured-mail').textContent()).resolves.toContain('Hello, Grace');
    // Nothing was done for real: the contact has no tag.
    const contacts = await api('GET', `/contacts?q=${lastName}`);
    expect(contacts.items[0].tags).toEqual([]);
    await page.close();
  }, 120_000);

  it('is usable at tablet width without the shell scrolling sideways', async () => {
    const page = await signedInPage({ width: 820, height: 1180 });
    const overflow = () =>
      page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${platform.baseUrl}/flows/${flowId}`);
    await page.locator('.react-flow__node[data-id="mail"]').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const canvas = await page.getByTestId('canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(250);
    expect(canvas!.y + canvas!.height).toBeLessThanOrEqual(1180);
    // Palette, canvas and property panel all work at this width.
    await page.getByTestId('palette-exit').dblclick();
    await page.locator('.react-flow__node[data-id="exit_1"]').waitFor();
    await page.getByRole('complementary', { name: 'properties' }).getByText('exit_1').waitFor();
    for (const name of ['Publish', 'Test run', 'Save draft']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(820);
    }
    expect(await overflow()).toBeLessThanOrEqual(0);
    // Below the lg breakpoint the top bar is one row: its links sit behind Menu, which closes on navigation.
    expect(await page.getByRole('link', { name: 'Contacts' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Flows' }).click();
    await page.getByRole('link', { name: 'Tools flow' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'main' }).count()).toBe(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);

  it("draws the designer's frame and shortcuts line before any script, the line as wide as the page's", async () => {
    // The line is the page's largest text: while the HTML's copy is as big as the page's own, a
    // phone's largest contentful paint is the first paint, not the one after the scripts.
    // The HTML's copy (p.boot-caption) or the page's own (MUI's caption), never one for the other:
    // the HTML's stays on screen until React's first render replaces it.
    const lineBox = async (page: Page, selector: string) => {
      const line = page.locator(selector, { hasText: /^Shortcuts:/ });
      await line.waitFor();
      const { x, width, height } = (await line.boundingBox())!;
      return { text: await line.textContent(), left: x, width, height };
    };
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1400, height: 900 },
    ]) {
      const staticContext = await browser.newContext({ viewport, javaScriptEnabled: false });
      const staticPage = await staticContext.newPage();
      await staticPage.goto(`${platform.baseUrl}/flows/${flowId}`);
      const drawnByHtml = await lineBox(staticPage, 'p.boot-caption');
      await staticContext.close();

      const page = await signedInPage(viewport);
      await page.goto(`${platform.baseUrl}/flows/${flowId}`);
      const drawnByReact = await lineBox(page, '.MuiTypography-caption');
      await page.close();

      expect(drawnByHtml.text).toBe(drawnByReact.text);
      const mismatches = (['left', 'width', 'height'] as const)
        .filter((side) => Math.abs(drawnByHtml[side] - drawnByReact[side]) >= 0.5)
        .map((side) => `${viewport.width} px wide, ${side}: HTML ${drawnByHtml[side]}, React ${drawnByReact[side]}`);
      expect(mismatches).toEqual([]);
    }
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('switches workspace from the shell, with navigation and editing by the role held there', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    const select = page.getByRole('combobox', { name: 'workspace' });
    await expect(select.locator('option:checked').textContent()).resolves.toBe('Tools workspace · admin');
    await page.getByRole('link', { name: 'Tools flow' }).waitFor();
    await select.selectOption({ label: 'Ops workspace · ops' });
    await page.getByRole('link', { name: 'Ops watched flow' }).waitFor();
    await expect(select.locator('option:checked').textContent()).resolves.toBe('Ops workspace · ops');
    expect(await page.getByRole('link', { name: 'Tools flow' }).count()).toBe(0);
    // Ops may watch runs but not edit flows: the designer opens read-only, without palette or publish.
    await page.getByRole('link', { name: 'Ops watched flow' }).click();
    await page.locator('.react-flow__node[data-id="mail"]').waitFor();
    await page.getByText('view only').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await page.getByTestId('palette-exit').count()).toBe(0);
    await page.locator('.react-flow__node[data-id="mail"]').click();
    expect(await page.locator('#field-subject').isDisabled()).toBe(true);
    await select.selectOption({ label: 'Tools workspace · admin' });
    await page.getByRole('link', { name: 'Tools flow' }).waitFor();
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
