import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { crmWrite, type DataSource } from '@cadenza/data';
import { decodeForPerson, type PayloadKeyRing } from '@cadenza/services/privacy';
import { defineRoute, type ApiRoute } from '../../http/api-route';

export interface TemporalCodecRouteDependencies {
  db: DataSource;
  payloadKeys: PayloadKeyRing;
}

/** The Temporal UI asks for a few screens of payloads at a time; this bounds one request. */
const MAX_PAYLOADS = 500;
const BASE64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

/** Temporal's codec server wire format: payloads in protobuf JSON (bytes as base64). */
const JsonPayloadSchema = z.object({
  metadata: z.record(z.string().max(200), BASE64).optional(),
  data: BASE64.optional(),
});
const CodecRequestSchema = z.object({ payloads: z.array(JsonPayloadSchema).max(MAX_PAYLOADS) });
type JsonPayload = z.infer<typeof JsonPayloadSchema>;

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(payload.data ?? '', 'base64'),
});
const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * The codec server the Temporal UI calls (`--ui-codec-endpoint`, TEMPORAL_CODEC_ENDPOINT) to show
 * a person the inputs and results of runs: only ops and admins (payloads:decode), only their own
 * tenant's payloads, and every contact whose data they saw is written to the audit log.
 */
export function temporalCodecRoutes(deps: TemporalCodecRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/temporal-codec/decode',
      tag: 'platform',
      summary: "Decode Temporal payloads for the Temporal UI: the caller's tenant only, audited",
      access: 'payloads:decode',
      body: CodecRequestSchema,
      responses: {
        200: {
          description: "the payloads, decoded where they are the caller's tenant's; others unchanged",
          schema: CodecRequestSchema,
        },
      },
      handler: async ({ body, principal }) => {
        const { payloads, decodedByContact } = await decodeForPerson(
          deps.payloadKeys,
          principal.tenantId,
          body.payloads.map(fromJson),
        );
        if (decodedByContact.size > 0) {
          await crmWrite(deps.db, principal, async (write) => {
            for (const [contactId, count] of decodedByContact) {
              const after = { decodedPayloads: count, via: 'temporal ui codec server' };
              if (contactId) write.audit('read', 'contact', contactId, null, after);
              else write.audit('read', 'payload_key', 'tenant', null, after);
            }
          });
        }
        return { body: { payloads: payloads.map(toJson) } };
      },
    }),
  ];
}
