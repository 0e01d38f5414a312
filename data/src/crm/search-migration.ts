import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over deals (name), tasks (title) and notes (body), as contacts have it:
 * a generated tsvector column per table and a GIN index on it alone (see
 * ContactSearchIndex1764300600001 for why not a composite one with tenant_id). 'simple'
 * (no stemming, no stop words) like contacts: names and short titles in any language.
 *
 * Also the index behind `GET /tasks?sort=dueAt:asc`: due soonest first, undated tasks last.
 */
export class CrmRecordSearch1764301100000 implements MigrationInterface {
  name = 'CrmRecordSearch1764301100000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, source] of [
      ['deals', 'name'],
      ['tasks', 'title'],
      ['notes', 'body'],
    ] as const) {
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN search tsvector
         GENERATED ALWAYS AS (to_tsvector('simple', coalesce(${source}, ''))) STORED`,
      );
      await db.query(`CREATE INDEX ${table}_search_idx ON ${table} USING gin (search)`);
    }
    await db.query(
      `CREATE INDEX tasks_due_order_idx ON tasks (tenant_id, (coalesce(due_at, 'infinity'::timestamptz)), id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tasks_due_order_idx`);
    for (const table of ['notes', 'tasks', 'deals']) {
      await db.query(`DROP INDEX ${table}_search_idx`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN search`);
    }
  }
}
