import { z } from 'zod';

/**
 * NODE_ENV, read once at boot by each process. Production turns on the strict checks (secret
 * keys, metrics token, development-only routes off); development and test keep the local
 * conveniences. Any other value is refused so a typo like `prod` cannot fall back to development.
 */
export const nodeEnvVar = z
  .enum(['development', 'test', 'production'])
  .default('development')
  .describe('development, test or production; production refuses weak keys and turns development-only routes off');

export type RuntimeMode = z.infer<typeof nodeEnvVar>;

export const RuntimeModeEnvSchema = z.object({ NODE_ENV: nodeEnvVar });

/** Whether development-only tools (the outbox's reply simulator) are served: never in production. */
export const developmentToolsOn = (mode: RuntimeMode): boolean => mode !== 'production';
