import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { createApiKey } from '@cadenza/data';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Per-tenant snippets: edited through the API under RBAC, checked when saved (they compile,
 * include only snippets that exist, never themselves), checked when a flow that includes
 * them is saved (an unknown one names the node), rendered in previews and in real sends.
 */
describe('template snippets', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ platform, tenant, admin, stop } = await startMessagingPlatform('snippets'));
  });
  afterAll(() => stop?.());

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const put = (name: string, body: string, key?: string) =>
    api(`/snippets/${name}`, { method: 'PUT', body: { body }, ...(key ? { key } : {}) });
  const emailFlow = (body: string) =>
    flowOf(
      [{ id: 'outreach', type: 'send_email', settings: { subject: 'Hello {{> short}}', body } }],
      [['start', 'outreach']],
    );
  const save = (draft: unknown) =>
    api('/flows', { method: 'POST', body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft } });

  it('lets template managers edit snippets, everyone who reads flows read them, and no one else', async () => {
    const created = await put('sig', '<p>Best, {{default contact.firstName "friend"}} — {{> short}}</p>');
    // It includes a snippet that does not exist yet: refused, naming it.
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'invalid_snippet', details: { field: 'body' } });
    expect(created.body.message).toContain('no snippet "short"');
    expect((await put('short', 'Acme')).status).toBe(201);
    expect((await put('sig', '<p>Best, {{default contact.firstName "friend"}} — {{> short}}</p>')).status).toBe(201);
    const replaced = await put('short', 'Acme & Co');
    expect(replaced).toMatchObject({ status: 200, body: { name: 'short', body: 'Acme & Co' } });

    expect((await put('loop', '{{> loop}}')).body).toMatchObject({ code: 'invalid_snippet' });
    expect((await put('broken', '{{#if x}}open')).body.message).toContain('does not compile');
    expect((await put('Bad Name', 'x')).status).toBe(400);

    const rep = await createApiKey(platform.db, tenant.tenantId, 'rep', 'sales_rep');
    const marketer = await createApiKey(platform.db, tenant.tenantId, 'marketer', 'marketer');
    expect((await put('rep-made', 'x', rep)).status).toBe(403);
    expect((await api('/snippets/short', { method: 'DELETE', key: rep })).status).toBe(403);
    expect((await api('/snippets', { key: rep })).body.items.map((s: any) => s.name)).toEqual(['short', 'sig']);
    expect((await put('promo', '20% off', marketer)).status).toBe(201);

    // Another tenant sees none of them.
    const { apiKey: other } = await createTenantWithKey(platform.db, 'Other snippets');
    expect((await api('/snippets', { key: other })).body.items).toEqual([]);
    expect((await api('/snippets/sig', { key: other })).status).toBe(404);
  });

  it('refuses a flow that includes an unknown snippet, naming the node', async () => {
    const refused = await save(emailFlow('Hi {{> signature}}'));
    expect(refused.status).toBe(400);
    expect(refused.body.details.errors).toEqual([
      expect.objectContaining({ code: 'unknown_snippet', nodeId: 'outreach', path: 'settings.body' }),
    ]);
    expect(refused.body.details.errors[0].message).toContain('no snippet "signature"');
  });

  it('previews and sends with the snippets rendered in place, escaped like the template', async () => {
    const contactId = await newContact(platform.db, admin, {
      firstName: 'Ana <b>',
      email: `${randomUUID()}@example.com`,
    });
    const preview = await api('/templates/preview', {
      method: 'POST',
      body: { subject: 'Hello {{> short}}', body: '<p>Hi</p>{{> sig}}', contactId },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Hello Acme & Co');
    // Values are escaped; a snippet's own text is template source, written as is (like the template's).
    expect(preview.body.html).toBe('<p>Hi</p><p>Best, Ana &lt;b&gt; — Acme & Co</p>');

    const flow = await save(emailFlow('<p>Hi</p>{{> sig}}'));
    expect(flow.status).toBe(201);
    expect((await api(`/flows/${flow.body.id}/publish`, { method: 'POST' })).status).toBe(201);
    // A snippet a live flow reaches (directly or through another snippet) cannot be deleted.
    const inUse = await api('/snippets/short', { method: 'DELETE' });
    expect(inUse.status).toBe(409);
    expect(inUse.body.details.uses).toEqual(['snippet "sig"', expect.stringContaining('step "outreach"')]);
    expect((await api('/snippets/sig', { method: 'DELETE' })).status).toBe(409);
    expect((await api('/snippets/promo', { method: 'DELETE' })).status).toBe(204);

    // Edited after publishing: the next send uses the new text.
    expect((await put('short', 'Acme Labs')).status).toBe(200);
    await api(`/flows/${flow.body.id}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } });
    const [message] = await waitUntil(
      'the email in the outbox',
      async () => {
        const items = (await api(`/outbox?contactId=${contactId}`)).body.items as any[];
        return items.length > 0 && items[0].status === 'sent' ? items : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(message.subject).toBe('Hello Acme Labs');
    expect((await api(`/outbox/${message.id}`)).body.html).toContain('<p>Best, Ana &lt;b&gt; — Acme Labs</p>');
  });
});
