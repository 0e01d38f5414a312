import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reply triage (issue 22) rests a run: an out-of-office reply pauses it until the person is
 * back, "not now" snoozes it before it starts over. The run row says until when and why, so the
 * run panel shows "paused until …" / "snoozed until …". Null when the run is not resting.
 */
export class FlowRunRest1764302240000 implements MigrationInterface {
  name = 'FlowRunRest1764302240000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE flow_runs ADD COLUMN resting_until timestamptz,
         ADD COLUMN rest_reason text CHECK (rest_reason IN ('out_of_office', 'not_now'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE flow_runs DROP COLUMN resting_until, DROP COLUMN rest_reason`);
  }
}
