import { z } from 'zod';

/** The log level of a Node process (API, worker): one JSON line per event on stdout. */
export const LogEnvSchema = z.object({
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('lowest level of the JSON log lines written to stdout'),
});
