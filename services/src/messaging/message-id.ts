import { createHash } from 'node:crypto';

/**
 * The RFC 5322 Message-ID of a send, derived from its idempotency key: a retried send
 * carries the same Message-ID, so a receiver (and our sink) sees a duplicate, not a new
 * email, and replies thread back to the one message. Returned without angle brackets.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32);
  return `${digest}@${domain}`;
}

/** The domain part of an address, for Message-IDs ("cadenza.local" when there is none). */
export const domainOf = (address: string) => /@([^@>\s]+)>?$/.exec(address)?.[1]?.toLowerCase() ?? 'cadenza.local';

/** Message-IDs named in In-Reply-To / References headers, without angle brackets. */
export function referencedMessageIds(...headers: Array<string | undefined | null>): string[] {
  const ids = headers.flatMap((header) => [...(header ?? '').matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!));
  return [...new Set(ids)];
}
