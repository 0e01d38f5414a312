import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@cadenza/core';
import { connectTestDb } from '@cadenza/test-harness/integration';
import { adminOfNewTenant } from '@cadenza/test-harness/flow-fixtures';
import { onceInDatabase } from './side-effects';

/** onceInDatabase takes the key at the end of the effect's transaction: the second attempt's writes must never stay. */
describe('onceInDatabase', () => {
  let db: DataSource;
  let admin: Principal;

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await adminOfNewTenant(db, 'Side effects');
    await db.query(`CREATE TABLE IF NOT EXISTS once_in_database_writes (key text NOT NULL, attempt text NOT NULL)`);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const keyOf = () => ({
    key: `once-${randomUUID()}`,
    tenantId: admin.tenantId,
    enrollmentId: randomUUID(),
    nodeType: 'add_tag',
    captured: false,
  });

  /** An effect that writes one row naming its attempt, after an optional pause (to make attempts overlap). */
  const write =
    (key: string, attempt: string, pauseMs = 0) =>
    async (manager: EntityManager) => {
      await manager.query(`INSERT INTO once_in_database_writes (key, attempt) VALUES ($1, $2)`, [key, attempt]);
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      return { attempt };
    };
  const writesOf = async (key: string) =>
    (
      (await db.query(`SELECT attempt FROM once_in_database_writes WHERE key = $1`, [key])) as Array<{
        attempt: string;
      }>
    )
      .map((row) => row.attempt)
      .sort();

  it('performs the effect once; a retry rolls its writes back and answers the stored result', async () => {
    const key = keyOf();
    const first = await onceInDatabase(db, key, write(key.key, 'first'));
    const retry = await onceInDatabase(db, key, write(key.key, 'retry'));
    expect(first).toEqual({ result: { attempt: 'first' }, performed: true, captured: false });
    expect(retry).toEqual({ result: { attempt: 'first' }, performed: false, captured: false });
    expect(await writesOf(key.key)).toEqual(['first']);
  });

  it('answers the stored result to a retry whose effect now fails on the state the first left', async () => {
    const key = keyOf();
    await onceInDatabase(db, key, write(key.key, 'first'));
    const retry = await onceInDatabase(db, key, async () => {
      throw new Error('contact 42 not found');
    });
    expect(retry).toEqual({ result: { attempt: 'first' }, performed: false, captured: false });
  });

  it('throws the effect’s own error when no attempt ever took the key', async () => {
    const key = keyOf();
    await expect(
      onceInDatabase(db, key, async () => {
        throw new Error('contact 42 not found');
      }),
    ).rejects.toThrow('contact 42 not found');
  });

  it('keeps one effect when two attempts overlap', async () => {
    const key = keyOf();
    const outcomes = await Promise.all([
      onceInDatabase(db, key, write(key.key, 'a', 200)),
      onceInDatabase(db, key, write(key.key, 'b', 200)),
    ]);
    const writes = await writesOf(key.key);
    expect(writes).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.performed).sort()).toEqual([false, true]);
    expect(outcomes.map((outcome) => outcome.result)).toEqual([{ attempt: writes[0] }, { attempt: writes[0] }]);
  });
});
