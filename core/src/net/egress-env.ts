import { z } from 'zod';
import { EgressAllowListError, parseEgressAllowList } from './egress-allow-list';

/**
 * CADENZA_EGRESS_ALLOW, shared by every process that opens outbound connections (API,
 * worker) so a bad entry stops the boot naming itself.
 */
export const EgressEnvSchema = z.object({
  CADENZA_EGRESS_ALLOW: z
    .string()
    .default('')
    .superRefine((text, context) => {
      try {
        parseEgressAllowList(text);
      } catch (error) {
        if (!(error instanceof EgressAllowListError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    })
    .describe(
      'comma-separated exceptions to the egress guard, which otherwise refuses loopback, private, link-local and other non-public addresses: CIDR blocks or host names, each optionally with :port (e.g. 127.0.0.1:2525,10.0.0.0/8,smtp.internal:587); empty: none',
    ),
});
