/**
 * The development SMTP sink as its own process, supervised by the launcher: every message
 * the platform sends without a configured mailbox lands here and in the outbox.
 */
import { parseEnv } from '@cadenza/core';
import { createDataSource } from '@cadenza/data';
import { imapDelivery, startSmtpSink } from '@cadenza/services/messaging';
import { SmtpSinkEnvSchema } from './smtp-sink-env';

const env = parseEnv('smtp-sink', SmtpSinkEnvSchema);

async function main() {
  const db = await createDataSource({ url: env.DATABASE_URL, poolSize: 2 }).initialize();
  // With the launcher's local IMAP server, every message also lands in its recipients' mailboxes.
  const deliver =
    env.LOCAL_IMAP_PORT && env.LOCAL_IMAP_PASSWORD
      ? imapDelivery({ host: '127.0.0.1', port: env.LOCAL_IMAP_PORT, password: env.LOCAL_IMAP_PASSWORD })
      : undefined;
  const sink = await startSmtpSink({
    db,
    port: env.SMTP_SINK_PORT,
    host: env.SMTP_SINK_HOST,
    deliver,
    log: (line) => console.log(`[smtp-sink] ${line}`),
  });
  console.log(`[smtp-sink] listening on ${env.SMTP_SINK_HOST}:${sink.port}`);
  const stop = async () => {
    await sink.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[smtp-sink] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
