import path from 'node:path';
import { z } from 'zod';
import {
  databaseUrlVar,
  EgressEnvSchema,
  MessagingEnvSchema,
  parseEnv,
  portVar,
  redisUrlVar,
  TemporalConnectionEnvSchema,
  TemporalEnvSchema,
  type TemporalConnectionEnv,
} from '@cadenza/core';
import { REPO_ROOT } from '@cadenza/temporal';

/** What the launcher reads. Services given by URL are used as they are; the rest start locally. */
export const LauncherConfigSchema = z.object({
  ...TemporalConnectionEnvSchema.shape,
  // The operator's own exceptions, kept; the launcher adds its local services' entries to them.
  ...EgressEnvSchema.shape,
  CADENZA_DATA_DIR: z
    .string()
    .default(path.join(REPO_ROOT, '.data'))
    .describe('folder for local service data (Temporal SQLite file, embedded PostgreSQL, Redis AOF)'),
  PORT: portVar.default(3000).describe('HTTP port of the API and web app'),
  // The API's and worker's fields, optional here: what is unset, the launcher starts locally.
  TEMPORAL_ADDRESS: TemporalEnvSchema.shape.TEMPORAL_ADDRESS.unwrap()
    .optional()
    .describe('an existing Temporal frontend (host:port); unset starts the dev server'),
  TEMPORAL_NAMESPACE: TemporalEnvSchema.shape.TEMPORAL_NAMESPACE,
  TEMPORAL_PORT: portVar.default(7233).describe('gRPC port of the local Temporal dev server'),
  TEMPORAL_UI_PORT: portVar.default(8233).describe('port of the local Temporal Web UI'),
  TEMPORAL_UI_URL: z.string().url().optional().describe('Temporal Web UI base URL; defaults to the local one'),
  DATABASE_URL: databaseUrlVar.optional().describe('an existing PostgreSQL; unset starts an embedded one'),
  CADENZA_PG_PORT: portVar.default(5433).describe('port of the embedded PostgreSQL'),
  REDIS_URL: redisUrlVar.optional().describe('an existing Redis; unset starts a local redis-server'),
  SMTP_SINK_PORT: MessagingEnvSchema.shape.SMTP_SINK_PORT.describe(
    'port of the built-in SMTP sink that captures development email',
  ),
  CADENZA_REDIS_PORT: portVar.default(6380).describe('port of the local redis-server'),
  CADENZA_IMAP_PORT: portVar
    .default(1143)
    .describe('port of the local IMAP server (Dovecot) whose mailboxes the mailbox sync reads'),
  CADENZA_SKIP_DEMO: z
    .stringbool()
    .default(false)
    .describe('1 skips seeding the demo workspace on first start (same as `npm start -- --no-demo`)'),
});

export type LauncherConfig = z.infer<typeof LauncherConfigSchema>;

export const loadLauncherConfig = (env = process.env): LauncherConfig =>
  parseEnv('launcher', LauncherConfigSchema, env);

/**
 * CADENZA_EGRESS_ALLOW for the API and worker it starts: exactly the local services flows
 * and providers must reach (the SMTP sink and the local IMAP server, on their ports), plus the
 * operator's entries. The
 * guard stays on: the Temporal UI, metrics, PostgreSQL and Redis on this machine stay refused.
 */
export function launcherEgressAllow(config: LauncherConfig): string {
  const own = [`127.0.0.1:${config.SMTP_SINK_PORT}`, `127.0.0.1:${config.CADENZA_IMAP_PORT}`];
  return [...own, ...config.CADENZA_EGRESS_ALLOW.split(',').filter((entry) => entry.trim() !== '')].join(',');
}

/** The ports the launcher will bind itself, each with the variable that moves it. */
export function portsToClaim(config: LauncherConfig) {
  return [
    { port: config.PORT, variable: 'PORT', service: 'API and web app' },
    ...(config.TEMPORAL_ADDRESS
      ? []
      : [
          {
            port: config.TEMPORAL_PORT,
            variable: 'TEMPORAL_PORT',
            service: 'Temporal dev server',
          },
          {
            port: config.TEMPORAL_UI_PORT,
            variable: 'TEMPORAL_UI_PORT',
            service: 'Temporal Web UI',
          },
        ]),
    ...(config.DATABASE_URL
      ? []
      : [
          {
            port: config.CADENZA_PG_PORT,
            variable: 'CADENZA_PG_PORT',
            service: 'embedded PostgreSQL',
          },
        ]),
    ...(config.REDIS_URL
      ? []
      : [
          {
            port: config.CADENZA_REDIS_PORT,
            variable: 'CADENZA_REDIS_PORT',
            service: 'local Redis',
          },
        ]),
    { port: config.SMTP_SINK_PORT, variable: 'SMTP_SINK_PORT', service: 'SMTP sink' },
    { port: config.CADENZA_IMAP_PORT, variable: 'CADENZA_IMAP_PORT', service: 'local IMAP server (Dovecot)' },
  ];
}

/** The Temporal TLS / API key variables that are set, to hand on to the worker and API unchanged. */
export function temporalSecurityEnv(config: LauncherConfig): Record<string, string> {
  return Object.fromEntries(
    Object.keys(TemporalConnectionEnvSchema.shape)
      .map((variable) => [variable, config[variable as keyof TemporalConnectionEnv]])
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
