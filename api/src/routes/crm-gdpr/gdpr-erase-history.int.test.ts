import { randomUUID } from 'node:crypto';
import { RUN_SEARCH_ATTRIBUTES, type Principal } from '@cadenza/core';
import { Worker } from '@temporalio/worker';
import { cadenzaDataConverter, isEncryptedPayload, runSearchAttributeKeys } from '@cadenza/temporal';
import { decodeForPerson } from '@cadenza/services/privacy';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { flowOf, newContact, publishedFlow } from '@cadenza/test-harness/flow-fixtures';

/**
 * Issue 29's acceptance: a GDPR erase ends the contact's runs and destroys their key, so every
 * payload of those runs is unreadable (a replay fails with "erased"), while another contact's
 * run of the same flow replays and decodes as before. Payloads and search attributes hold no
 * personal data in the clear.
 */
describe('GDPR erase reaches Temporal history (crypto-shredding)', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let admin: Principal;

  beforeAll(async () => {
    platform = await startTestPlatform(`gdpr-history-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'GDPR history');
    admin = { tenantId: tenant.tenantId, userId: null, role: 'admin', via: 'api_key' };
  });
  afterAll(() => platform?.stop());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  /** A run that tags the contact and then rests in a week-long wait: open when the erase comes. */
  async function enrolled(contactId: string, flowId: string): Promise<string> {
    const started = await api('POST', `/flows/${flowId}/enrollments`, { contactIds: [contactId] });
    expect(started).toMatchObject({ status: 200, body: { items: [{ status: 'started' }] } });
    const workflowId = started.body.items[0].workflowId as string;
    const handle = platform.temporal.workflow.getHandle(workflowId);
    for (let i = 0; i < 100; i += 1) {
      const description = await handle.describe();
      if (description.typedSearchAttributes.get(runSearchAttributeKeys.NodeId) === 'rest') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return workflowId;
  }

  const historyOf = (workflowId: string) => platform.temporal.workflow.getHandle(workflowId).fetchHistory();
  const replay = async (workflowId: string) =>
    Worker.runReplayHistory(
      {
        workflowsPath: require.resolve('@cadenza/workflows'),
        dataConverter: cadenzaDataConverter(platform.payloadKeys),
        replayName: workflowId,
      },
      await historyOf(workflowId),
    );

  it("makes the erased contact's runs unreadable while another contact's replay and decode", async () => {
    const stamp = randomUUID().slice(0, 8);
    const erasedEmail = `grace.${stamp}@erased.example`;
    const keptEmail = `alan.${stamp}@kept.example`;
    const erasedId = await newContact(platform.db, admin, {
      firstName: 'Grace',
      lastName: `Hopper${stamp}`,
      email: erasedEmail,
    });
    const keptId = await newContact(platform.db, admin, {
      firstName: 'Alan',
      lastName: `Turing${stamp}`,
      email: keptEmail,
    });
    const flow = await publishedFlow(
      platform.db,
      admin,
      flowOf(
        [
          { id: 'tag', type: 'add_tag', settings: { tag: 'gdpr-history' } },
          { id: 'rest', type: 'wait', settings: { mode: 'duration', duration: { amount: 7, unit: 'days' } } },
        ],
        [
          ['start', 'tag'],
          ['tag', 'rest'],
        ],
      ),
    );
    const erasedRun = await enrolled(erasedId, flow.flowId);
    const keptRun = await enrolled(keptId, flow.flowId);

    // Nothing personal in the clear: every payload is encrypted, search attributes are ids.
    const history = await historyOf(erasedRun);
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    expect(started.input!.payloads!.every(isEncryptedPayload)).toBe(true);
    expect(Object.values(started.memo!.fields!).every(isEncryptedPayload)).toBe(true);
    const raw = Buffer.from(JSON.stringify(history)).toString('utf8');
    for (const secret of [erasedEmail, 'Grace', `Hopper${stamp}`]) expect(raw).not.toContain(secret);
    const searchAttributes = (await platform.temporal.workflow.getHandle(erasedRun).describe()).typedSearchAttributes;
    const ours = searchAttributes.getAll().filter((pair) => pair.key.name in RUN_SEARCH_ATTRIBUTES);
    expect(ours.map((pair) => pair.key.name).sort()).toEqual(Object.keys(RUN_SEARCH_ATTRIBUTES).sort());
    for (const pair of ours) {
      // Ids, numbers and kinds only: no email address, no name.
      expect([pair.key.name, String(pair.value)]).not.toEqual([
        pair.key.name,
        expect.stringMatching(/\S+@\S+\.\S+|Grace|Hopper/),
      ]);
      expect([pair.key.name, String(pair.value)]).toEqual([pair.key.name, expect.stringMatching(/^[\w:-]+$/)]);
    }
    await expect(replay(erasedRun)).resolves.toBeUndefined();

    const erased = await api('DELETE', `/contacts/${erasedId}/gdpr-erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ endedRuns: 1, shreddedPayloadKeys: 1 });

    // Ended first, then shredded: the run is terminated and its history unreadable at once.
    // (Read from the raw history: describe() would decode the memo, which is erased too.)
    const events = (await historyOf(erasedRun)).events!;
    expect(events.at(-1)!.workflowExecutionTerminatedEventAttributes?.reason).toBe('gdpr erase');
    await expect(replay(erasedRun)).rejects.toThrow(/payload erased: its data key .* was destroyed/);
    const input = (await historyOf(erasedRun)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const forOps = await decodeForPerson(platform.payloadKeys, tenant.tenantId, input);
    expect(JSON.parse(Buffer.from(forOps.payloads[0]!.data!).toString('utf8'))).toEqual({
      erased: expect.stringMatching(/^GDPR erase on .*: this data was destroyed$/),
    });

    // The other contact's run is untouched: it replays, and decodes for a person of its tenant only.
    await expect(replay(keptRun)).resolves.toBeUndefined();
    const keptInput = (await historyOf(keptRun)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const decoded = await decodeForPerson(platform.payloadKeys, tenant.tenantId, keptInput);
    expect(JSON.parse(Buffer.from(decoded.payloads[0]!.data!).toString('utf8'))).toMatchObject({ contactId: keptId });
    const otherTenant = await decodeForPerson(platform.payloadKeys, randomUUID(), keptInput);
    expect(otherTenant.payloads[0]).toEqual(keptInput[0]);

    // The erasure's audit entry names what was shredded, by id.
    const audit = (await platform.db.query(
      `SELECT before FROM audit_log WHERE tenant_id = $1 AND entity = 'payload_key' AND entity_id = $2`,
      [tenant.tenantId, erasedId],
    )) as Array<{ before: { payloadKeyIds: string[]; endedRuns: number } }>;
    expect(audit).toEqual([{ before: { payloadKeyIds: [expect.any(String)], endedRuns: 1 } }]);
  });
});
