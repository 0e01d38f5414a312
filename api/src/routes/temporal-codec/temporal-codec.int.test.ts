import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { createApiKey } from '@cadenza/data';
import { EncryptingPayloadCodec, isEncryptedPayload } from '@cadenza/temporal';
import { enrollmentWorkflowId } from '@cadenza/core';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});
const dataOf = (json: { data: string }) => Buffer.from(json.data, 'base64').toString('utf8');

/**
 * The codec server the Temporal UI calls: decodes for ops and admins of the payload's own tenant,
 * audits whose data they saw, and gives everyone else the ciphertext back (or no answer at all).
 */
describe('POST /temporal-codec/decode', () => {
  let platform: TestPlatform;
  let tenant: { tenantId: string; apiKey: string };
  let other: { tenantId: string; apiKey: string };
  let opsKey: string;
  let marketerKey: string;

  beforeAll(async () => {
    platform = await startTestPlatform(`codec-${randomUUID()}`);
    tenant = await createTenantWithKey(platform.db, 'Codec tenant');
    other = await createTenantWithKey(platform.db, 'Other tenant');
    opsKey = await createApiKey(platform.db, tenant.tenantId, 'ops key', 'ops');
    marketerKey = await createApiKey(platform.db, tenant.tenantId, 'marketer key', 'marketer');
  });
  afterAll(() => platform?.stop());

  const decode = async (key: string | null, payloads: Payload[]) => {
    const response = await fetch(`${platform.baseUrl}/api/v1/temporal-codec/decode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-namespace': 'default',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ payloads: payloads.map(toJson) }),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it("decodes a contact's run payload for ops of its tenant, audits it, and leaves others' as ciphertext", async () => {
    const contactId = randomUUID();
    const codec = new EncryptingPayloadCodec(platform.payloadKeys);
    const context = {
      type: 'workflow' as const,
      namespace: 'default',
      workflowId: enrollmentWorkflowId(tenant.tenantId, randomUUID(), contactId),
    };
    const [mine] = await codec.encode([defaultPayloadConverter.toPayload({ email: 'lin@example.com' })], context);
    const [theirs] = await codec.encode([defaultPayloadConverter.toPayload({ email: 'kim@example.com' })], {
      ...context,
      workflowId: enrollmentWorkflowId(other.tenantId, randomUUID(), randomUUID()),
    });
    const plain = defaultPayloadConverter.toPayload('recorded before the codec');
    expect(isEncryptedPayload(mine!)).toBe(true);

    const answer = await decode(opsKey, [mine!, theirs!, plain]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(dataOf(answer.body.payloads[0]))).toEqual({ email: 'lin@example.com' });
    expect(answer.body.payloads[1]).toEqual(toJson(theirs!));
    expect(dataOf(answer.body.payloads[2])).toBe('"recorded before the codec"');

    const audit = (await platform.db.query(
      `SELECT action, entity_id, after FROM audit_log WHERE tenant_id = $1 AND entity = 'contact' AND entity_id = $2`,
      [tenant.tenantId, contactId],
    )) as Array<{ action: string; after: unknown }>;
    expect(audit).toEqual([
      { action: 'read', entity_id: contactId, after: { decodedPayloads: 1, via: 'temporal ui codec server' } },
    ]);
  });

  it('refuses people without payloads:decode and anyone not signed in, and bounds the request', async () => {
    const [payload] = await new EncryptingPayloadCodec(platform.payloadKeys).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    expect((await decode(marketerKey, [payload!])).status).toBe(403);
    expect((await decode(null, [payload!])).status).toBe(401);
    const tooMany = await decode(
      opsKey,
      Array.from({ length: 501 }, () => payload!),
    );
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toMatch(/payloads/);
  });

  it("answers the Temporal UI's preflight from its origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.baseUrl}/api/v1/temporal-codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-namespace' },
      });
    const ui = await preflight(new URL(platform.config.TEMPORAL_UI_URL).origin);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
