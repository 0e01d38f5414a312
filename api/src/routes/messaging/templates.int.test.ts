import { randomUUID } from 'node:crypto';
import type { Principal } from '@cadenza/core';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';

/** Send templates are checked when a flow is saved and published, and previewed for a contact. */
describe('send templates', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;

  beforeAll(async () => {
    platform = await startTestPlatform(`templates-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Templates');
    admin = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? tenant.apiKey}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  const draftWith = (type: string, settings: Record<string, unknown>) =>
    flowOf([{ id: 'outreach', type, settings }], [['start', 'outreach']]);
  const save = (draft: unknown) =>
    api('/flows', { method: 'POST', body: { name: `Flow ${randomUUID()}`, kind: 'sequence', draft } });

  it('refuses a template naming an unknown variable, with the node id, unless it has a fallback', async () => {
    const refused = await save(
      draftWith('send_email', { subject: 'Hi', body: 'For {{seller.name}} at {{steps.ghost.text}}' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid_flow');
    expect(refused.body.details.errors).toEqual([
      expect.objectContaining({ code: 'unknown_field', nodeId: 'outreach', path: 'settings.body' }),
      expect.objectContaining({ code: 'unknown_field', nodeId: 'outreach', path: 'settings.body' }),
    ]);
    expect(refused.body.details.errors[0].message).toContain('{{seller.name}}');

    const sms = await save(draftWith('send_sms', { body: 'Hi {{contact.nickname}}' }));
    expect(sms.status).toBe(400);
    expect(sms.body.details.errors[0]).toMatchObject({ nodeId: 'outreach', code: 'unknown_field' });
    const slack = await save(draftWith('notify_slack', { channel: '#sales', message: '{{#if contact.email}}x' }));
    expect(slack.status).toBe(400);
    expect(slack.body.details.errors[0]).toMatchObject({ nodeId: 'outreach', code: 'invalid_setting' });

    const withFallback = await save(
      draftWith('send_email', {
        subject: 'Hi {{default contact.nickname "there"}}',
        body: '{{#if contact.firstName}}{{contact.firstName}}{{/if}} {{default sender.name "The team"}}',
      }),
    );
    expect(withFallback.status).toBe(201);
    expect((await api(`/flows/${withFallback.body.id}/publish`, { method: 'POST' })).status).toBe(201);
  });

  it('previews an email for a contact: escaped HTML, plain text, strict variables', async () => {
    const contactId = await newContact(platform.db, admin, { firstName: 'Ana <b>', email: 'ana@example.com' });
    const preview = await api('/templates/preview', {
      method: 'POST',
      body: {
        subject: 'Hello {{contact.firstName}}',
        body: 'Hi {{contact.firstName}},\n\nyour address is {{contact.email}}. {{default contact.title "Friend"}}',
        contactId,
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      subject: 'Hello Ana <b>',
      html: '<p>Hi Ana &lt;b&gt;,</p>\n<p>your address is ana@example.com. Friend</p>',
      text: expect.stringContaining('Hi Ana <b>,'),
    });

    const missing = await api('/templates/preview', {
      method: 'POST',
      body: { subject: 'x', body: '{{steps.ai.text}}', contactId },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'template_invalid', details: { field: 'body' } });
    expect(missing.body.message).toContain('"text" is missing');

    expect(
      (await api('/templates/preview', { method: 'POST', body: { subject: 'x', body: 'y', contactId: randomUUID() } }))
        .status,
    ).toBe(404);
    // Another tenant's contact is not found, not rendered.
    const other = await createTenantWithKey(platform.db, 'Other');
    const leak = await api('/templates/preview', {
      method: 'POST',
      key: other.apiKey,
      body: { subject: '{{contact.firstName}}', body: 'y', contactId },
    });
    expect(leak.status).toBe(404);
  });
});
