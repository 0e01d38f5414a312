import type { Payload } from '@temporalio/common';
import { EncryptingPayloadCodec, keyIdOfPayload } from '@cadenza/temporal';
import type { PayloadKeyRing } from './payload-key-ring';

export interface PersonDecode {
  payloads: Payload[];
  /** What was decoded, by contact (null: tenant or platform payloads), for the audit log. */
  decodedByContact: Map<string | null, number>;
}

const text = (value: string) => new TextEncoder().encode(value);

/** What the Temporal UI shows in place of an erased payload: a sentence, not bytes. */
function erasedPayload(shreddedAt: Date): Payload {
  return {
    metadata: { encoding: text('json/plain') },
    data: text(JSON.stringify({ erased: `GDPR erase on ${shreddedAt.toISOString()}: this data was destroyed` })),
  };
}

/**
 * Decodes payloads for one person of one tenant (the codec server behind the Temporal UI): their
 * own tenant's payloads and the platform's are decoded, another tenant's stay ciphertext, an
 * erased contact's become a sentence saying so. Plain payloads (recorded before the codec) pass.
 */
export async function decodeForPerson(
  ring: PayloadKeyRing,
  tenantId: string,
  payloads: Payload[],
): Promise<PersonDecode> {
  const codec = new EncryptingPayloadCodec(ring);
  const decodedByContact = new Map<string | null, number>();
  // The UI sends a page of one run's payloads at a time: mostly one key, read once per request.
  const described = new Map<string, ReturnType<PayloadKeyRing['describe']>>();
  const describe = (keyId: string) => {
    if (!described.has(keyId)) described.set(keyId, ring.describe(keyId));
    return described.get(keyId)!;
  };
  const decoded = await Promise.all(
    payloads.map(async (payload) => {
      const keyId = keyIdOfPayload(payload);
      if (!keyId) return payload;
      const key = await describe(keyId);
      if (!key || (key.tenantId !== null && key.tenantId !== tenantId)) return payload;
      if (key.shreddedAt) return erasedPayload(key.shreddedAt);
      const [plain] = await codec.decode([payload]);
      decodedByContact.set(key.contactId, (decodedByContact.get(key.contactId) ?? 0) + 1);
      return plain!;
    }),
  );
  return { payloads: decoded, decodedByContact };
}
