import { randomBytes } from 'node:crypto';
import type { DataSource } from '@cadenza/data';
import { imapDelivery, startSmtpSink, type SmtpSink } from '@cadenza/services/messaging';
import { allowEgressTo } from './egress-allow';
import { testImapServer } from './imap-mailbox';
import { connectTestDb } from './integration';
import { requireService } from './service-env';

export interface SinkEnv {
  sinkDb: DataSource;
  sink: SmtpSink;
  /** Closes the sink and its database and restores the environment as it was. */
  close: () => Promise<void>;
}

/**
 * A real SMTP sink on a free port, and the environment the API and workers read their
 * messaging settings from (plus `env`), set in this process: workers it spawns inherit it.
 * With `deliverToImap` the sink also delivers every message into the tests' Dovecot, as the
 * launcher's sink does (a reply sent to a rep's address reaches the rep's INBOX).
 */
export async function startSinkEnv(
  env: Record<string, string> = {},
  options: { deliverToImap?: boolean } = {},
): Promise<SinkEnv> {
  const saved = { ...process.env };
  const sinkDb = await connectTestDb();
  const sink = await startSmtpSink({
    db: sinkDb,
    port: 0,
    ...(options.deliverToImap ? { deliver: imapDelivery(testImapServer()) } : {}),
  });
  Object.assign(process.env, {
    // The test run's key, so clients made before this environment open the keys made after it.
    CADENZA_SECRET_KEY: process.env.CADENZA_TEST_SECRET_KEY ?? randomBytes(32).toString('hex'),
    SMTP_SINK_PORT: String(sink.port),
    REDIS_URL: requireService('redis'),
    PUBLIC_BASE_URL: 'https://cadenza.test',
    ...env,
  });
  allowEgressTo(sink.port);
  return {
    sinkDb,
    sink,
    close: async () => {
      await sink.close();
      await sinkDb.destroy();
      process.env = saved;
    },
  };
}
