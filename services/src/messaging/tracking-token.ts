import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a tracking link names: the message, the kind of event, and for clicks the exact
 * destination. The destination is inside the signed payload, so the redirect can only ever
 * go where the email linked (never an open redirect).
 */
const TrackingClaimSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('o'), m: z.uuid() }),
  z.object({ k: z.literal('u'), m: z.uuid() }),
  z.object({ k: z.literal('c'), m: z.uuid(), u: z.url({ protocol: /^https?$/ }) }),
]);
export type TrackingClaim = z.infer<typeof TrackingClaimSchema>;

const signature = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(`cadenza-tracking.${payload}`).digest('base64url');

/** `<payload>.<hmac>`, both base64url: short enough for a URL, impossible to alter. */
export function signTrackingToken(secret: Buffer, claim: TrackingClaim): string {
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The claim of a valid token, or null for anything forged, altered or malformed. */
export function verifyTrackingToken(secret: Buffer, token: string, kind?: TrackingClaim['k']): TrackingClaim | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claim = TrackingClaimSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!claim.success || (kind && claim.data.k !== kind)) return null;
    return claim.data;
  } catch {
    return null;
  }
}

/** The tracking key, derived from the platform secret so API and workers agree without another variable. */
export const trackingSecretFrom = (secretKey: Buffer) =>
  createHmac('sha256', secretKey).update('cadenza tracking links v1').digest();
