import { z } from 'zod';
import { nodeEnvVar } from '../runtime-mode';

/**
 * CADENZA_SECRET_KEY, with the NODE_ENV that decides whether it is required: one key per
 * deployment, shared by the API (sign-in TOTP secrets, mailbox secrets, tracking links) and the
 * worker (opening mailbox secrets, signing tracking links).
 */
export const SecretKeyEnvSchema = z.object({
  NODE_ENV: nodeEnvVar,
  CADENZA_SECRET_KEY: z
    .string()
    .optional()
    .describe(
      '32-byte key (64 hex characters or base64) that seals mailbox and TOTP secrets and signs tracking links; required in production',
    ),
});

export type SecretKeyEnv = z.infer<typeof SecretKeyEnvSchema>;
