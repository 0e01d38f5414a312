import { z } from 'zod';
import { databaseUrlVar, portVar } from '@cadenza/core';

/** Environment of the built-in SMTP sink process (the launcher and docker-compose both start it). */
export const SmtpSinkEnvSchema = z.object({
  DATABASE_URL: databaseUrlVar.describe('PostgreSQL URL where received messages are stored'),
  SMTP_SINK_PORT: portVar.default(2525).describe('port the sink listens on'),
  SMTP_SINK_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('address the sink listens on (loopback; 0.0.0.0 in a container the worker reaches over the network)'),
  LOCAL_IMAP_PORT: portVar
    .optional()
    .describe('port of the local IMAP server (Dovecot on 127.0.0.1) the sink also delivers each message into'),
  LOCAL_IMAP_PASSWORD: z
    .string()
    .min(1)
    .optional()
    .describe("the local IMAP server's mailbox password (development only)"),
});
