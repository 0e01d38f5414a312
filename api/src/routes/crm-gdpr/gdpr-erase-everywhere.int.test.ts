import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeLocalEmbedder, closeLocalModel, createEmbedder, loadAiEnv } from '@cadenza/activities';
import { indexPendingKnowledge } from '@cadenza/services/ai';
import { harnessEgress } from '@cadenza/test-harness/egress-allow';
import { suppressionOf } from '@cadenza/data';
import { headerOf } from '@cadenza/services/messaging';
import { waitUntil } from '../../../../scripts/services/wait-until';
import type { TestPlatform } from '@cadenza/test-harness/integration';
import { allowEgressTo } from '@cadenza/test-harness/egress-allow';
import { flowOf } from '@cadenza/test-harness/flow-fixtures';
import { startMessagingPlatform } from '@cadenza/test-harness/messaging-platform';
import { scanForPersonalData } from './personal-data-scan.test-support';

/** One contact, unique in the whole database, so any trace of it found later is this test's. */
const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
const person = {
  firstName: `Quillon${suffix}`,
  lastName: `Brackwater${suffix}`,
  email: `erase-${suffix}@example.com`,
  phone: `+1 555 ${suffix.replace(/\D/g, '').padEnd(8, '7').slice(0, 8)}`,
};
const fullName = `${person.firstName} ${person.lastName}`;

/**
 * A stand-in for OpenAI (the vendor cannot be reached from here, and the local model takes
 * minutes on two cores): it answers as a model would, with the person's name and address in its
 * research and draft, so the agent's state holds them as it would in production.
 */
async function startFakeOpenAi(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as { model: string; response_format?: unknown };
      const wants = JSON.stringify(body.response_format ?? '');
      const content = wants.includes('"subject"')
        ? JSON.stringify({ subject: `A demo for ${person.firstName}?`, body: `Hi ${fullName}, shall we talk?` })
        : wants.includes('"score"')
          ? JSON.stringify({ score: 70, explanation: `${fullName} fits the profile` })
          : `${fullName} (${person.email}, ${person.phone}) runs purchasing.`;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-erase',
          object: 'chat.completion',
          created: 1,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowEgressTo(port);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * GDPR erasure reaches every table: one contact goes through every feature that stores personal
 * data (CSV import, notes, tasks, deals, a sequence email with opens, clicks, a reply and an
 * unsubscribe, an AI agent whose draft is approved and sent), is erased, and then no column of
 * any table of any schema may still hold its email, name or phone.
 */
describe('GDPR erasure of a contact that went through everything', () => {
  let platform: TestPlatform;
  let apiKey: string;
  let tenantId: string;
  let stop: () => Promise<void>;
  let openAi: { baseUrl: string; close: () => Promise<void> };

  beforeAll(async () => {
    openAi = await startFakeOpenAi();
    let tenant: { tenantId: string; apiKey: string };
    ({ platform, tenant, stop } = await startMessagingPlatform('gdpr-everywhere', {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openAi.baseUrl,
    }));
    ({ apiKey, tenantId } = tenant);
  });
  afterAll(async () => {
    await stop?.();
    await openAi?.close();
    await closeLocalModel();
    await closeLocalEmbedder();
  });

  const api = async (path: string, method = 'GET', body?: unknown, auth = true) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method,
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const ok = async (path: string, method = 'GET', body?: unknown) => {
    const answer = await api(path, method, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const publish = async (kind: 'sequence' | 'agent', draft: unknown) => {
    const flow = await ok('/flows', 'POST', { name: `${kind} ${suffix}`, kind, draft });
    await ok(`/flows/${flow.id}/publish`, 'POST');
    return flow.id as string;
  };
  const runOf = (enrollmentId: string, status: string) =>
    waitUntil(
      `run ${enrollmentId} ${status}`,
      async () => {
        const run = (await api(`/runs/${enrollmentId}`)).body;
        return run?.status === status ? run : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  const outboxOf = async (contactId: string) =>
    (await ok(`/outbox?contactId=${contactId}`)).items as Array<{ id: string; enrollmentId: string }>;

  it('leaves no trace of its email, name or phone in any table', async () => {
    // The contact arrives by CSV import.
    const csv = `First Name,Last Name,Email,Phone Number\n${person.firstName},${person.lastName},${person.email},${person.phone}\n`;
    const imported = await ok('/imports', 'POST', { csv, fileName: `leads-${suffix}.csv` });
    await waitUntil(
      'the import',
      async () => (await ok(`/imports/${imported.id}`)).status === 'completed' || undefined,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    const contactId = (await ok(`/contacts?q=${encodeURIComponent(person.email)}`)).items[0].id as string;

    // A note, a task and a deal that name the contact, as people write them.
    await ok('/notes', 'POST', { contactId, body: `Met ${fullName} at the fair; mobile ${person.phone}` });
    await ok('/tasks', 'POST', { title: `Call ${fullName}`, contactId });
    const pipeline = await ok('/pipelines', 'POST', { name: `Sales ${suffix}`, stages: [{ name: 'Open' }] });
    await ok('/deals', 'POST', {
      name: `${person.lastName} renewal`,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0].id,
      contactId,
    });

    // A sequence: a personal email, a task the flow creates, then a wait for the reply.
    const sequence = await publish(
      'sequence',
      flowOf(
        [
          {
            id: 'mail',
            type: 'send_email',
            settings: {
              subject: 'Hello {{contact.firstName}} {{contact.lastName}}',
              body: '<p>Hi {{contact.firstName}}, is {{contact.phone}} still yours? See <a href="https://shop.test/offer">our offer</a>.</p>',
            },
          },
          { id: 'task', type: 'create_task', settings: { title: 'Follow up with {{contact.firstName}}' } },
          {
            id: 'await',
            type: 'wait_for_event',
            settings: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
          },
          { id: 'replied', type: 'add_tag', settings: { tag: 'replied' } },
        ],
        [
          ['start', 'mail'],
          ['mail', 'task'],
          ['task', 'await'],
          ['await', 'replied'],
        ],
      ),
    );
    // An AI agent: research, a draft for approval, then the send.
    const agent = await publish(
      'agent',
      flowOf(
        [{ id: 'agent', type: 'ai_agent', settings: { instructions: 'Invite {{contact.firstName}} to a demo' } }],
        [['start', 'agent']],
      ),
    );
    const enroll = async (flowId: string) =>
      (await ok(`/flows/${flowId}/enrollments`, 'POST', { contactIds: [contactId] })).items[0].enrollmentId as string;
    const sequenceRun = await enroll(sequence);
    const agentRun = await enroll(agent);

    await runOf(sequenceRun, 'waiting');
    const [sent] = (await outboxOf(contactId)).filter((m) => m.enrollmentId === sequenceRun);
    const message = await ok(`/outbox/${sent!.id}`);
    // Opens and clicks through the tracking links of the email as sent.
    const tokenOf = (kind: 'o' | 'c') => new RegExp(`/t/${kind}/([^"]+)"`).exec(message.html)![1]!;
    expect((await api(`/t/o/${tokenOf('o')}`, 'GET', undefined, false)).status).toBe(200);
    expect((await api(`/t/c/${tokenOf('c')}`, 'GET', undefined, false)).status).toBe(302);
    await ok(`/outbox/${sent!.id}/reply`, 'POST', { text: `Sure. ${fullName}, ${person.phone}` });
    await runOf(sequenceRun, 'completed');

    const approval = await waitUntil(
      'the draft in the inbox',
      async () =>
        ((await ok('/approvals')).items as Array<{ id: string; enrollmentId: string }>).find(
          (item) => item.enrollmentId === agentRun,
        ),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // Edited before sending (the quality gate refuses a model draft that mangles this test's odd names);
    // the edit names the contact, so the sent email is one more place the erasure must reach.
    await ok(`/approvals/${approval.id}/approve`, 'POST', {
      draft: {
        subject: `${person.firstName}, a quick question`,
        body: `Hi ${person.firstName},\n\nWould a short call next week be useful to you?\n\nBest regards`,
      },
    });
    await runOf(agentRun, 'completed');

    // Last, the contact unsubscribes (one click, from the sequence email's header).
    const raw = await ok(`/outbox/${sent!.id}/raw`);
    const unsubscribe = /\/t\/u\/([^>]+)>/.exec(headerOf(raw, 'List-Unsubscribe')!)![1]!;
    expect((await api(`/t/u/${unsubscribe}`, 'POST', undefined, false)).status).toBe(200);

    // Its notes and timeline embedded for semantic search, as the indexer does (the local model: the fake
    // OpenAI answers no embeddings).
    const { embedder } = createEmbedder(loadAiEnv({ EMBEDDING_PROVIDER: 'local' }), harnessEgress);
    while ((await indexPendingKnowledge({ db: platform.db, embedder }, { limit: 64, tenantId })).embedded > 0);
    const vectorsOfContact = async () =>
      (
        (await platform.db.query(`SELECT 1 FROM knowledge_vectors WHERE tenant_id = $1 AND contact_id = $2`, [
          tenantId,
          contactId,
        ])) as unknown[]
      ).length;
    const vectors = await vectorsOfContact();
    expect(vectors).toBeGreaterThan(1);

    const needles = [person.email, fullName, person.firstName, person.lastName, person.phone];
    // The seeding reached every place this test is about: otherwise a clean scan would prove nothing.
    const before = await scanForPersonalData(platform.db, needles);
    for (const place of [
      'public.contacts.email',
      'public.import_rows.cells',
      'public.notes.body',
      'public.tasks.title',
      'public.deals.name',
      'public.messages.to_address',
      'public.message_events.data',
      'public.suppressions.address',
      'public.smtp_sink_messages.raw',
      'public.ai_approvals.body',
      'langgraph.checkpoint_blobs.blob',
    ]) {
      expect(before.some((finding) => finding.startsWith(`${place} `))).toBe(true);
    }

    const erased = await api(`/contacts/${contactId}/gdpr-erase`, 'DELETE');
    expect(erased.status).toBe(200);

    expect(await scanForPersonalData(platform.db, needles)).toEqual([]);

    expect(erased.body).toMatchObject({
      removed: { notes: 1, approvals: 1, sinkMessages: 2 },
      anonymised: { messages: 2, suppressions: 1, importRows: 1, tasks: 2, deals: 1 },
    });
    expect(erased.body.removed.agentCheckpoints).toBeGreaterThan(0);
    // Vectors hold no text for the scan to find: counted instead.
    expect(erased.body.removed.knowledgeVectors).toBe(vectors);
    expect(await vectorsOfContact()).toBe(0);
    // The click (its link) and the reply (its text and sender); the open and unsubscribe carry no data.
    expect(erased.body.anonymised.messageEvents).toBe(2);

    // What the law lets the business keep is still there: the delivery record, and the objection,
    // which still stops a send to that address.
    const kept = (await platform.db.query(
      `SELECT channel, enrollment_id, contact_id, to_address, sent_at IS NOT NULL AS sent FROM messages WHERE id = $1`,
      [sent!.id],
    )) as unknown[];
    expect(kept).toEqual([
      { channel: 'email', enrollment_id: sequenceRun, contact_id: null, to_address: '', sent: true },
    ]);
    expect(await suppressionOf(platform.db, tenantId, person.email.toUpperCase())).toBe('unsubscribed');
    expect((await api(`/contacts/${contactId}`)).status).toBe(404);
  }, 120_000);
});
