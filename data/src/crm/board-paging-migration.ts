import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deals board pages each stage column most recently changed first: without this index
 * every "load more" of a column sorts the whole stage. deals_stage_idx (tenant, pipeline,
 * stage) stays for the per-stage counts.
 */
export class DealBoardPaging1764301500000 implements MigrationInterface {
  name = 'DealBoardPaging1764301500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX deals_stage_updated_idx ON deals (tenant_id, stage_id, updated_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deals_stage_updated_idx`);
  }
}
