import { z } from 'zod';

/** The live gateway's settings; merged into the API's config schema, so the API validates them at boot. */
export const LiveConfigSchema = z.object({
  LIVE_MESSAGES_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(20)
    .describe('sustained client-to-server Socket.IO messages allowed per socket, per second'),
  LIVE_MESSAGE_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .default(40)
    .describe('client-to-server messages a socket may send at once before the per-second rate applies'),
  LIVE_MAX_BUFFERED_PACKETS: z.coerce
    .number()
    .int()
    .min(10)
    .default(1000)
    .describe('packets queued for one slow socket before it is dropped (it resumes by seq), in packets'),
  LIVE_RESYNC_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('how often each instance re-reads the event log for events lost on Redis, in milliseconds'),
  EVENT_RETENTION_DAYS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('days of domain events kept for reconnecting clients; older ones are pruned, in days'),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .positive()
    .default(365)
    .describe(
      'days of audit trail kept (sign-ins, roles, keys, changes); older entries are pruned by the retention Schedule, in days',
    ),
  EVENT_RETENTION_PRUNE_EVERY_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe('how often the retention Schedule prunes the event log and the audit trail, in minutes'),
});

export type LiveConfig = z.infer<typeof LiveConfigSchema>;

/** Defaults of every live setting, for tests and tools that do not read the environment. */
export const defaultLiveConfig = (): LiveConfig => LiveConfigSchema.parse({});
