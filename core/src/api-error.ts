import { z } from 'zod';

/** Every non-2xx API response has this body. */
export const ApiErrorSchema = z.object({
  code: z.string().describe('stable machine-readable error code'),
  message: z.string().describe('human-readable explanation naming what is wrong'),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
