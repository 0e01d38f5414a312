import { createDataSource } from '@cadenza/data';
import { waitUntil } from '../scripts/services/wait-until';
import { isJsonError, startApiProcess, type ApiAnswer } from './api-process';
import type { DrillServices } from './drill-services';
import { runEnrollmentDrill } from './enrollment-drill';

/**
 * Drill 4: PostgreSQL stopped mid-run. The API answers 503 with a JSON error quickly (no
 * hang, no 500), runs resume once it is back (activities retry), and every contact the
 * API did write has its domain event: nothing half-written.
 */
export async function postgresOutageDrill(
  services: DrillServices,
  options: { seconds: number; enrollments: number },
  log: (line: string) => void,
) {
  const api = await startApiProcess(services);
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  let slowestMs = 0;
  let attempts = 0;
  const record = (label: string, answer: ApiAnswer | Error) => {
    const status = answer instanceof Error ? `error ${answer.name}` : String(answer.status);
    statuses[`${label} ${status}`] = (statuses[`${label} ${status}`] ?? 0) + 1;
    if (answer instanceof Error)
      return failures.length < 10 && failures.push(`${label}: ${answer.message} (hang or reset)`);
    slowestMs = Math.max(slowestMs, answer.ms);
    if (answer.status >= 500 && answer.status !== 503)
      failures.push(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.status === 503 && !isJsonError(answer.body)) failures.push(`${label}: 503 without a JSON error`);
  };
  try {
    const result = await runEnrollmentDrill(
      services,
      options.enrollments,
      async ({ progress, enrolled }) => {
        await enrolled;
        await waitUntil('a third of the steps', async () => ((await progress()) >= 0.33 ? true : false), {
          timeoutMs: 300_000,
          intervalMs: 50,
        });
        await services.stopPostgres();
        const down = Date.now();
        log('postgres stopped');
        while (Date.now() - down < options.seconds * 1000) {
          attempts += 1;
          record(
            'list contacts',
            await api.call('/api/v1/contacts?limit=5', { timeoutMs: 10_000 }).catch((e: Error) => e),
          );
          record(
            'create contact',
            await api
              .call('/api/v1/contacts', {
                method: 'POST',
                body: { firstName: 'Down', email: `down-${attempts}@example.com` },
                timeoutMs: 10_000,
              })
              .catch((e: Error) => e),
          );
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        await services.startPostgres();
        log(`postgres back after ${((Date.now() - down) / 1000).toFixed(1)} s`);
      },
      log,
    );
    const after = await waitUntil(
      'API answering again',
      async () => {
        const answer = await api.call('/api/v1/contacts?limit=5');
        return answer.status === 200 ? answer : false;
      },
      { timeoutMs: 30_000 },
    );
    const db = await createDataSource({ url: services.databaseUrl, poolSize: 1 }).initialize();
    // Every contact written through the API must have its contact event (same transaction).
    const [orphans] = (await db.query(
      `SELECT count(*)::int AS n FROM contacts c WHERE c.tenant_id = $1 AND NOT EXISTS (
         SELECT 1 FROM domain_events e WHERE e.tenant_id = c.tenant_id AND e.subject_id = c.id::text)`,
      [api.tenantId],
    )) as Array<{ n: number }>;
    const [written] = (await db.query(`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1`, [
      api.tenantId,
    ])) as Array<{ n: number }>;
    await db.destroy();
    if (orphans!.n) failures.push(`${orphans!.n} contacts without their domain event`);
    if (!Object.keys(statuses).some((key) => key.endsWith(' 503')))
      failures.push(`no 503 during the outage: ${JSON.stringify(statuses)}`);
    log(`API during the outage ${JSON.stringify(statuses)}, slowest ${slowestMs} ms; after: ${after.status}`);
    return {
      ...result,
      outageSeconds: options.seconds,
      apiStatusesDuringOutage: statuses,
      slowestApiAnswerMs: slowestMs,
      contactsWrittenThroughApi: written!.n,
      contactsWithoutEvent: orphans!.n,
      failures: [...result.failures, ...failures],
    };
  } finally {
    await api.stop();
  }
}
