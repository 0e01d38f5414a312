import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { Principal } from '@cadenza/core';
import { createApiKey, ensureTenantAdmin, findSinkMessages } from '@cadenza/data';
import { waitUntil } from '../../../../scripts/services/wait-until';
import { createTenantWithKey, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Templates read the contact's company, its most relevant open deal, the sending mailbox and
 * the contact's owner: what a real send delivers over SMTP is what the preview shows, a
 * missing company prints its fallback, and the variables API lists all of it.
 */
describe('template variables from company, deal, sender and owner', () => {
  let platform: TestPlatform;
  let sinkPort: number;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    let sink: { port: number };
    ({ platform, tenant, admin, stop, sink } = await startMessagingPlatform('template-records'));
    sinkPort = sink.port;
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
  const created = async (path: string, body: unknown) => {
    const response = await api(path, { method: 'POST', body });
    expect(response.status).toBe(201);
    return response.body;
  };
  async function publish(nodes: Array<{ id: string; type: string; settings: unknown }>): Promise<string> {
    const edges = nodes.map((node, i): [string, string] => [i === 0 ? 'start' : nodes[i - 1]!.id, node.id]);
    const flow = await created('/flows', {
      name: `Flow ${randomUUID()}`,
      kind: 'sequence',
      draft: flowOf(nodes, edges),
    });
    expect((await api(`/flows/${flow.id}/publish`, { method: 'POST' })).status).toBe(201);
    return flow.id;
  }
  const enroll = async (flowId: string, contactId: string) =>
    expect(
      (await api(`/flows/${flowId}/enrollments`, { method: 'POST', body: { contactIds: [contactId] } })).body.items[0],
    ).toMatchObject({ status: 'started' });
  async function sent(contactId: string, channel: string): Promise<any> {
    return waitUntil(
      `the ${channel} message in the outbox`,
      async () => {
        const items = (await api(`/outbox?contactId=${contactId}&channel=${channel}`)).body.items as any[];
        return items.find((item) => item.status === 'sent');
      },
      { timeoutMs: 30_000 },
    );
  }

  const SUBJECT = 'Hi {{contact.firstName}} from {{sender.name}} about {{deal.name}} at {{company.name}}';
  const FALLBACKS =
    'Hi {{contact.firstName}} at {{default company.name "your company"}} about ' +
    '{{default deal.name "a first project"}}, {{default owner.name "our team"}}';

  it('sends exactly what the records say over SMTP, and the preview shows the same', async () => {
    // The default mailbox is a real SMTP server (the sink), so sender.* comes from it.
    await created('/mailboxes', {
      kind: 'smtp',
      name: 'Sales',
      fromAddress: 'olga@acme.test',
      fromName: 'Olga Sales',
      host: '127.0.0.1',
      port: sinkPort,
      isDefault: true,
    });
    const { userId: ownerId } = await ensureTenantAdmin(platform.db, {
      tenantId: tenant.tenantId,
      email: `owner-${randomUUID()}@acme.test`,
      password: 'correct horse battery staple 42',
      name: 'Oscar Owner',
    });
    const company = await created('/companies', {
      name: 'Acme Corp',
      domain: 'acme.test',
      industry: 'Tools',
      size: 40,
    });
    const pipeline = await created('/pipelines', {
      name: 'New business',
      stages: [
        { name: 'Qualified', probability: 20 },
        { name: 'Proposal', probability: 60 },
        { name: 'Won', probability: 100 },
      ],
    });
    const [qualified, proposal, won] = pipeline.stages.map((stage: { id: string }) => stage.id);
    const contactId = await newContact(platform.db, admin, {
      firstName: 'Ana',
      email: `${randomUUID()}@example.com`,
      companyId: company.id,
      ownerId,
    });
    const deal = (name: string, stageId: string) =>
      created('/deals', { name, amount: 1200, currency: 'EUR', pipelineId: pipeline.id, stageId, contactId });
    const pilot = await deal('Pilot', qualified);
    await deal('Renewal', proposal);
    // Newest, but won: not open, so not the one templates talk about.
    await deal('Big win', won);

    const flowId = await publish([
      { id: 'mail', type: 'send_email', settings: { subject: SUBJECT, body: SUBJECT } },
      {
        id: 'ping',
        type: 'notify_slack',
        settings: { channel: '#sales', message: '{{owner.name}}: {{deal.name}} ({{deal.stage}}, {{deal.pipeline}})' },
      },
    ]);
    await enroll(flowId, contactId);
    const message = await sent(contactId, 'email');
    const expected = 'Hi Ana from Olga Sales about Renewal at Acme Corp';
    expect(message).toMatchObject({ provider: 'smtp', subject: expected, from: 'olga@acme.test' });
    const [received] = await findSinkMessages(platform.db, message.rfcMessageId);
    const parsed = await simpleParser(received!.raw);
    expect(parsed.subject).toBe(expected);
    expect(parsed.from?.text).toBe('"Olga Sales" <olga@acme.test>');
    expect(parsed.text?.trim()).toBe(expected);
    expect(parsed.html).toContain(`<p>${expected}</p>`);
    const slack = await sent(contactId, 'slack');
    expect(slack).toMatchObject({ provider: 'outbox', text: 'Oscar Owner: Renewal (Proposal, New business)' });

    const preview = await api('/templates/preview', {
      method: 'POST',
      body: { subject: SUBJECT, body: SUBJECT, contactId },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ subject: expected, html: `<p>${expected}</p>`, text: parsed.text?.trim() });

    // A test run renders the same inside its transaction, and captures instead of sending.
    const testRun = await api(`/flows/${flowId}/test-runs`, { method: 'POST', body: { contactId } });
    expect(testRun.status).toBe(202);
    const captured = await waitUntil(
      'the test run to finish',
      async () => {
        const run = (await api(`/runs/${testRun.body.enrollmentId}`)).body;
        return run?.status === 'completed' ? run : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(captured.steps.map((step: any) => step.result?.wouldDo)).toEqual([
      {
        to: expect.any(String),
        subject: expected,
        html: `<p>${expected}</p>`,
        // Who would send it, decided as a send decides.
        from: expect.any(String),
        sender: { source: 'workspace', fallback: null },
      },
      { channel: '#sales', text: 'Oscar Owner: Renewal (Proposal, New business)' },
    ]);

    // "Most relevant" follows the latest update among open deals; the step's fromName is the sender's name.
    expect((await api(`/deals/${pilot.id}`, { method: 'PATCH', body: { amount: 900 } })).status).toBe(200);
    const again = await api('/templates/preview', {
      method: 'POST',
      body: { subject: SUBJECT, body: 'x', contactId, fromName: 'Ana at Acme' },
    });
    expect(again.body.subject).toBe('Hi Ana from Ana at Acme about Pilot at Acme Corp');
  });

  it('prints the fallbacks for a contact without company, deal or owner, in the send and the preview', async () => {
    const contactId = await newContact(platform.db, admin, { firstName: 'Bo', email: `${randomUUID()}@example.com` });
    const flowId = await publish([{ id: 'mail', type: 'send_email', settings: { subject: FALLBACKS, body: 'Hello' } }]);
    await enroll(flowId, contactId);
    const message = await sent(contactId, 'email');
    const expected = 'Hi Bo at your company about a first project, our team';
    const [received] = await findSinkMessages(platform.db, message.rfcMessageId);
    expect((await simpleParser(received!.raw)).subject).toBe(expected);
    const preview = await api('/templates/preview', {
      method: 'POST',
      body: { subject: FALLBACKS, body: 'x', contactId },
    });
    expect(preview.body.subject).toBe(expected);
  });

  it("never reads an owner from another workspace, even when the contact's ownerId names one", async () => {
    const other = await createTenantWithKey(platform.db, 'Other template records');
    const { userId: outsider } = await ensureTenantAdmin(platform.db, {
      tenantId: other.tenantId,
      email: `outsider-${randomUUID()}@other.test`,
      password: 'correct horse battery staple 42',
      name: 'Outsider',
    });
    const contactId = await newContact(platform.db, admin, { firstName: 'Cy', ownerId: outsider });
    const preview = await api('/templates/preview', {
      method: 'POST',
      body: { subject: '{{default owner.name "nobody"}} {{default owner.email "-"}}', body: 'x', contactId },
    });
    expect(preview.body.subject).toBe('nobody -');
  });

  it('refuses to save a template with an unknown field of a record, naming the node and the variable', async () => {
    const refused = await api('/flows', {
      method: 'POST',
      body: {
        name: `Flow ${randomUUID()}`,
        kind: 'sequence',
        draft: flowOf(
          [{ id: 'text', type: 'send_sms', settings: { body: 'About {{deal.value}}' } }],
          [['start', 'text']],
        ),
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.errors).toEqual([
      expect.objectContaining({ code: 'unknown_field', nodeId: 'text', path: 'settings.body' }),
    ]);
    expect(refused.body.details.errors[0].message).toContain('{{deal.value}}');
    expect(refused.body.details.errors[0].message).toContain('deal has no field "value"');
  });

  it("lists the catalogue with the workspace's own custom fields to anyone who reads flows", async () => {
    await created('/custom-fields', { key: 'tier', label: 'Tier', type: 'text' });
    const rep = await createApiKey(platform.db, tenant.tenantId, 'rep', 'sales_rep');
    const listed = await api('/templates/variables', { key: rep });
    expect(listed.status).toBe(200);
    expect(listed.body.groups.map((group: { key: string }) => group.key)).toEqual([
      'contact',
      'custom',
      'company',
      'deal',
      'sender',
      'owner',
    ]);
    const paths = listed.body.groups.flatMap((group: any) => group.variables.map((v: any) => v.path));
    expect(paths).toEqual(
      expect.arrayContaining(['contact.custom.tier', 'company.name', 'deal.stage', 'sender.email', 'owner.name']),
    );
    // Another workspace sees the fixed catalogue, not this one's custom fields.
    const other = await createTenantWithKey(platform.db, 'Other catalogue');
    const theirs = await api('/templates/variables', { key: other.apiKey });
    expect(theirs.body.groups.map((group: { key: string }) => group.key)).not.toContain('custom');
    expect((await api('/templates/variables', { key: 'nope' })).status).toBe(401);
  });
});
