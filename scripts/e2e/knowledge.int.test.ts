import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { KNOWLEDGE_INDEXER_WORKFLOW_ID } from '@cadenza/core';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { closeLocalEmbedder } from '@cadenza/activities';
import { createContact, createNote, inviteTenantUser } from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { waitUntil } from '../services/wait-until';
import { attachLiveGateway, type LiveGateway } from '../../api/src/live/live-gateway';
import { createSessionResolver } from '../../api/src/auth/session-resolver';
import { assertWebBuilt, launchChromium, newSessionPage, SCREENSHOTS, signIn } from './e2e-browser';

/**
 * The knowledge base and the search by meaning in headless Chromium, against the real API, worker
 * (the local embedding model), Temporal and PostgreSQL: a marketer adds a snippet and uploads a
 * Markdown file in Settings → Knowledge and watches both become ready, then deletes one; a sales rep
 * turns the contacts search box to "by meaning" and finds their own contact by what a note says,
 * in other words, and not a colleague's. Writes docs/screenshots/{knowledge-settings,contacts-by-meaning}.png.
 */
jest.setTimeout(180_000);

describe('knowledge and search by meaning in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let live: LiveGateway;
  const errors: string[] = [];
  const password = 'correct horse battery staple';
  const marketer = `marketer-${randomUUID()}@example.com`;
  const rep = `rep-${randomUUID()}@example.com`;
  let tenantId: string;
  const indexerId = `${KNOWLEDGE_INDEXER_WORKFLOW_ID}-e2e-${randomUUID()}`;

  beforeAll(async () => {
    assertWebBuilt();
    platform = await startTestPlatform(`knowledge-e2e-${randomUUID()}`);
    // The contacts page listens for live changes, as in production.
    live = attachLiveGateway(platform.server, {
      db: platform.db,
      redisUrl: platform.config.REDIS_URL,
      resolveSession: createSessionResolver(platform.db),
    });
    tenantId = (await createTenantWithKey(platform.db, 'Knowledge e2e')).tenantId;
    const system = { kind: 'system', id: null } as const;
    await inviteTenantUser(
      platform.db,
      tenantId,
      { email: marketer, password, role: 'marketer', name: 'Mia Marketer' },
      system,
    );
    const { user } = await inviteTenantUser(
      platform.db,
      tenantId,
      { email: rep, password, role: 'sales_rep', name: 'Sam Rep' },
      system,
    );
    const admin = { tenantId, userId: null, role: 'admin' as const, via: 'api_key' as const };
    const mine = await createContact(platform.db, admin, { firstName: 'Greta', lastName: 'Holm', ownerId: user.id });
    const theirs = await createContact(platform.db, admin, {
      firstName: 'Pavel',
      lastName: 'Novak',
      ownerId: randomUUID(),
    });
    await createNote(platform.db, admin, {
      contactId: mine.id,
      body: 'Greta will only sign if we support single sign-on through Okta for her whole team.',
    });
    await createNote(platform.db, admin, {
      contactId: theirs.id,
      body: 'Pavel also needs SSO login via Azure AD before the pilot starts.',
    });
    await createNote(platform.db, admin, { contactId: mine.id, body: 'Sent her the brochure about our coffee mugs.' });
    await platform.temporal.workflow.start<WorkflowContracts['knowledgeIndexerWorkflow']>(
      WORKFLOW_NAMES.knowledgeIndexerWorkflow,
      { taskQueue: platform.config.TEMPORAL_TASK_QUEUE, workflowId: indexerId, args: [{ batch: 64, idleSeconds: 1 }] },
    );
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    await platform?.temporal.workflow
      .getHandle(indexerId)
      .terminate('test over')
      .catch(() => undefined);
    platform?.server.closeAllConnections();
    await platform?.stop();
    await closeLocalEmbedder();
  });

  it('adds a snippet and a Markdown file in Settings → Knowledge, shows them ready, and deletes one', async () => {
    const page = await newSessionPage(browser, errors);
    await signIn(page, platform.baseUrl, marketer, password);
    await page.goto(`${platform.baseUrl}/settings?tab=knowledge`);
    const table = page.getByRole('table', { name: 'knowledge documents' });

    const form = page.getByRole('form', { name: 'add knowledge snippet' });
    await form.getByLabel('Title').fill('Office hours');
    await form.getByLabel('Text').fill('Our support desk answers from 8 am to 6 pm, Monday to Friday.');
    await form.getByRole('button', { name: 'Add to knowledge' }).click();

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'knowledge-e2e-')), 'Security FAQ.md');
    writeFileSync(file, '# Security\n\nAll data is encrypted at rest (AES-256) and in transit (TLS 1.3).\n');
    await page.getByLabel('knowledge file').setInputFiles(file);

    const row = (title: string) => table.getByRole('row').filter({ hasText: title });
    await row('Office hours').getByText('ready').waitFor();
    await row('Security FAQ').getByText('ready').waitFor();
    expect(await row('Security FAQ').textContent()).toContain('document (Markdown)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'knowledge-settings.png') });

    await page.getByRole('button', { name: 'delete Office hours' }).click();
    await row('Office hours').waitFor({ state: 'detached' });
    expect(await table.getByRole('row').count()).toBe(2); // the header and the file
    await page.close();
  });

  it("finds the rep's own contact by what a note means, with the note, and not a colleague's", async () => {
    // The indexer embeds notes within seconds of their writing; the search is for what is embedded.
    await waitUntil('the notes embedded', async () => {
      const rows = (await platform.db.query(
        `SELECT 1 FROM knowledge_vectors WHERE tenant_id = $1 AND source = 'note'`,
        [tenantId],
      )) as unknown[];
      return rows.length === 3;
    });
    const page = await newSessionPage(browser, errors);
    await signIn(page, platform.baseUrl, rep, password);
    await page.goto(`${platform.baseUrl}/contacts`);
    await page.getByLabel('by meaning').check();
    await page.fill('#contact-search', 'needs an identity provider login to buy');
    const results = page.getByRole('list', { name: 'contacts by meaning' });
    await results.getByRole('listitem').first().waitFor();
    const first = results.getByRole('listitem').first();
    expect(await first.textContent()).toContain('Greta Holm');
    expect(await first.textContent()).toContain('Okta');
    expect(await results.textContent()).not.toContain('Pavel');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'contacts-by-meaning.png') });
    await first.getByRole('link', { name: 'Greta Holm' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]+$/);
    await page.close();
    expect(errors).toEqual([]);
  });
});
