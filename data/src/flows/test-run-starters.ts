import type { DataSource } from 'typeorm';

/** Records who started a test run (once; a repeat is a no-op). */
export async function recordTestRunStarter(
  db: DataSource,
  run: { tenantId: string; enrollmentId: string; userId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO test_run_starters (tenant_id, enrollment_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [run.tenantId, run.enrollmentId, run.userId],
  );
}

/** The user who started a test run, or null (not a test run, started by an API key, or unknown). */
export async function testRunStarter(db: DataSource, tenantId: string, enrollmentId: string): Promise<string | null> {
  const [row] = (await db.query(
    `SELECT user_id::text AS user_id FROM test_run_starters WHERE tenant_id = $1 AND enrollment_id = $2`,
    [tenantId, enrollmentId],
  )) as Array<{ user_id: string }>;
  return row?.user_id ?? null;
}
