import { z } from 'zod';

/** What this API instance offers beyond the fixed routes, so the web app shows only working controls. */
export const PlatformFeaturesSchema = z
  .object({
    simulateReply: z
      .boolean()
      .describe('POST /outbox/{id}/reply is mounted (development and test only; never in production)'),
  })
  .describe('features of this deployment');

export type PlatformFeatures = z.infer<typeof PlatformFeaturesSchema>;
