import { randomUUID } from 'node:crypto';
import { KNOWLEDGE_INDEXER_WORKFLOW_ID } from '@cadenza/core';
import { closeLocalEmbedder } from '@cadenza/activities';
import { createApiKey } from '@cadenza/data';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { apiKeyCaller } from '@cadenza/test-harness/api-key-call';
import { waitUntil } from '../../../../scripts/services/wait-until';

/**
 * The knowledge routes end to end: an upload answers 'indexing' at once and becomes 'ready' when
 * its workflow has embedded it on the worker; notes are embedded by the catch-up indexer workflow;
 * the semantic search embeds its query on the worker too, and answers within the tenant, in the
 * caller's view of contacts.
 */
jest.setTimeout(180_000);

describe('knowledge API', () => {
  let platform: TestPlatform;
  let keys: { admin: string; marketer: string; rep: string; other: string };
  let contactId: string;
  const indexerId = `${KNOWLEDGE_INDEXER_WORKFLOW_ID}-test-${randomUUID()}`;

  beforeAll(async () => {
    platform = await startTestPlatform(`knowledge-${randomUUID()}`);
    const tenant = await createTenantWithKey(platform.db, 'Knowledge');
    const other = await createTenantWithKey(platform.db, 'Knowledge other');
    keys = {
      admin: tenant.apiKey,
      marketer: await createApiKey(platform.db, tenant.tenantId, 'marketer', 'marketer'),
      rep: await createApiKey(platform.db, tenant.tenantId, 'rep', 'sales_rep'),
      other: other.apiKey,
    };
    contactId = (await api(keys.admin, '/contacts', 'POST', { firstName: 'Lena', lastName: 'Park' })).body.id;
    await api(keys.admin, '/notes', 'POST', {
      contactId,
      body: 'Lena said the renewal depends on getting single sign-on with Okta before March.',
    });
    // The catch-up indexer as the API starts it at boot (here on the test's own task queue).
    await platform.temporal.workflow.start<WorkflowContracts['knowledgeIndexerWorkflow']>(
      WORKFLOW_NAMES.knowledgeIndexerWorkflow,
      { taskQueue: platform.config.TEMPORAL_TASK_QUEUE, workflowId: indexerId, args: [{ batch: 64, idleSeconds: 1 }] },
    );
  });
  afterAll(async () => {
    await platform?.temporal.workflow
      .getHandle(indexerId)
      .terminate('test over')
      .catch(() => undefined);
    await platform?.stop();
    await closeLocalEmbedder();
  });

  const api = (key: string, path: string, method = 'GET', body?: unknown) =>
    apiKeyCaller(platform.baseUrl)(key, path, method, body);

  it('indexes an upload on the worker: indexing at once, then ready with its chunks', async () => {
    const created = await api(keys.marketer, '/knowledge/documents', 'POST', {
      title: 'Refund policy',
      format: 'markdown',
      text: '# Refunds\n\nCustomers may cancel within 30 days and get their money back in full.',
    });
    expect(created).toMatchObject({
      status: 202,
      body: { status: 'indexing', kind: 'document', title: 'Refund policy' },
    });
    await waitUntil(
      'the document indexed',
      async () => (await api(keys.admin, `/knowledge/documents/${created.body.id}`)).body.status === 'ready',
    );
    const listed = await api(keys.rep, '/knowledge/documents');
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        status: 'ready',
        chunks: 1,
        model: expect.stringMatching(/MiniLM/),
      }),
    ]);
    expect((await api(keys.other, '/knowledge/documents')).body.items).toEqual([]);
    expect((await api(keys.other, `/knowledge/documents/${created.body.id}`)).status).toBe(404);

    const hits = await api(keys.rep, '/search/semantic?query=can+I+get+a+refund%3F&sources=document');
    expect(hits.status).toBe(200);
    expect(hits.body.items[0]).toMatchObject({ source: 'document', title: 'Refund policy' });
    expect(hits.body.model).toMatch(/MiniLM/);
  });

  it('refuses what it cannot store, naming why, and lets only admins and marketers write', async () => {
    const empty = await api(keys.admin, '/knowledge/documents', 'POST', { title: 'x', text: '  ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text is empty');
    const big = await api(keys.admin, '/knowledge/documents', 'POST', { title: 'big', text: 'a'.repeat(900_001) });
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body)).toContain('over 900000 bytes');
    expect((await api(keys.rep, '/knowledge/documents', 'POST', { title: 'x', text: 'y' })).status).toBe(403);
    const longQuery = await api(keys.admin, '/search/semantic', 'POST', { query: 'q'.repeat(1001) });
    expect(longQuery.status).toBe(400);
    expect(JSON.stringify(longQuery.body)).toContain('over 1000 characters');
    expect((await api(keys.admin, '/search/semantic?query=x&sources=emails')).status).toBe(400);
  });

  it("finds a contact's note by meaning once the indexer has embedded it, within the caller's view", async () => {
    const search = (key: string) =>
      api(key, '/search/semantic', 'POST', { query: 'they need SAML login to renew', sources: ['note'] });
    await waitUntil('the note embedded', async () => (await search(keys.admin)).body.items.length > 0);
    const hits = (await search(keys.admin)).body.items;
    expect(hits[0]).toMatchObject({ source: 'note', contactId, title: 'Note about Lena Park' });
    expect(hits[0].text).toContain('Okta');
    // A sales rep's API key owns no contact, so it sees none of their notes; another tenant sees nothing.
    expect((await search(keys.rep)).body.items).toEqual([]);
    expect((await search(keys.other)).body.items).toEqual([]);
  });

  it('deletes a document with its vectors', async () => {
    const created = await api(keys.admin, '/knowledge/documents', 'POST', {
      kind: 'snippet',
      title: 'Parking',
      text: 'Visitors park in the garage under the building, level -2.',
    });
    await waitUntil(
      'the document indexed',
      async () => (await api(keys.admin, `/knowledge/documents/${created.body.id}`)).body.status === 'ready',
    );
    expect((await api(keys.other, `/knowledge/documents/${created.body.id}`, 'DELETE')).status).toBe(404);
    expect((await api(keys.rep, `/knowledge/documents/${created.body.id}`, 'DELETE')).status).toBe(403);
    expect((await api(keys.admin, `/knowledge/documents/${created.body.id}`, 'DELETE')).status).toBe(204);
    const hits = await api(keys.admin, '/search/semantic?query=where+do+visitors+park');
    expect(hits.body.items.map((hit: { id: string; title: string }) => hit.title)).not.toContain('Parking');
    const vectors = (await platform.db.query(`SELECT 1 FROM knowledge_vectors WHERE document_id = $1`, [
      created.body.id,
    ])) as unknown[];
    expect(vectors).toEqual([]);
  });
});
