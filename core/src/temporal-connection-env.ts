import { z } from 'zod';

/**
 * Variables that secure the connection to a Temporal cluster. Self-hosted clusters use mTLS
 * (cert + key, optionally a private CA and server name); Temporal Cloud takes either mTLS
 * or an API key. All are optional: unset means plaintext, right for the local dev server.
 */
export const TemporalConnectionEnvSchema = z.object({
  TEMPORAL_API_KEY: z
    .string()
    .optional()
    .describe('Temporal Cloud API key; turns TLS on. Do not combine with TEMPORAL_TLS_CERT_PATH'),
  TEMPORAL_TLS_CERT_PATH: z
    .string()
    .optional()
    .describe('path of the PEM client certificate for mTLS; needs TEMPORAL_TLS_KEY_PATH'),
  TEMPORAL_TLS_KEY_PATH: z
    .string()
    .optional()
    .describe('path of the PEM private key of the mTLS client certificate; needs TEMPORAL_TLS_CERT_PATH'),
  TEMPORAL_TLS_CA_PATH: z
    .string()
    .optional()
    .describe('path of a PEM CA certificate that signed the server certificate; unset trusts the system CAs'),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .optional()
    .describe('server name to verify the Temporal certificate against, when it differs from the address host'),
});

export type TemporalConnectionEnv = z.infer<typeof TemporalConnectionEnvSchema>;
