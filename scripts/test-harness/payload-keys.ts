import { randomBytes } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { parseSecretKey, type DataSource } from '@cadenza/data';
import { cadenzaClient } from '@cadenza/temporal';
import { createLocalKeyWrapper, PayloadKeyRing } from '@cadenza/services/privacy';

/**
 * The payload keys of a test's Temporal clients and workers, from the same secret key the API and
 * worker processes of the test read (CADENZA_SECRET_KEY, which the sink environment sets), else
 * the test run's own key (global setup; a bench or drill run outside jest makes one here, and the
 * processes it spawns inherit it): every process of one run opens the others' keys.
 */
export function testPayloadKeys(db: DataSource): PayloadKeyRing {
  return new PayloadKeyRing({ db, wrapper: createLocalKeyWrapper(parseSecretKey(testSecretKeyHex())) });
}

/** The secret key (hex) the processes of this test run share; give it to spawned API and worker processes. */
export function testSecretKeyHex(): string {
  process.env.CADENZA_TEST_SECRET_KEY ??= randomBytes(32).toString('hex');
  return process.env.CADENZA_SECRET_KEY || process.env.CADENZA_TEST_SECRET_KEY;
}

/** A Temporal client of a test, encrypting like the platform's, with the keys it uses. */
export function testTemporalClient(
  db: DataSource,
  connection: Connection,
  namespace = 'default',
): { temporal: Client; payloadKeys: PayloadKeyRing } {
  const payloadKeys = testPayloadKeys(db);
  return { payloadKeys, temporal: cadenzaClient({ connection, namespace, payloadKeys }) };
}
