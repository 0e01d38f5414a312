import { randomBytes } from 'node:crypto';
import { provisionImap, provisionPostgres, provisionRedis, provisionTemporal, type Provisioned } from './provision';
import { TEST_SERVICES, type TestServiceName } from './service-env';

const PROVISIONERS: Record<TestServiceName, (env: NodeJS.ProcessEnv) => Promise<Provisioned>> = {
  temporal: provisionTemporal,
  postgres: provisionPostgres,
  redis: provisionRedis,
  imap: provisionImap,
};

declare global {
  var cadenzaTestServices: Provisioned[] | undefined;
}

/**
 * Starts every real service once per test run, in parallel. A service that cannot be had
 * does not stop the run: its error is handed to the tests that need it (requireService).
 */
export default async function globalSetup(): Promise<void> {
  // One key per test run wraps the keys of Temporal payloads in every test process (payload-keys.ts).
  process.env.CADENZA_TEST_SECRET_KEY ??= randomBytes(32).toString('hex');
  const started: Provisioned[] = [];
  await Promise.all(
    (Object.keys(PROVISIONERS) as TestServiceName[]).map(async (name) => {
      const { label, addressVar, errorVar } = TEST_SERVICES[name];
      try {
        const service = await PROVISIONERS[name](process.env);
        started.push(service);
        process.env[addressVar] = service.address;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.env[errorVar] = message;
        console.warn(`\n[test harness] ${label} unavailable: ${message}`);
      }
    }),
  );
  globalThis.cadenzaTestServices = started;
}
