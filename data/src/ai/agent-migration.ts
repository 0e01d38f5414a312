import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema of the LangGraph checkpointer's tables, apart from the application's own. */
export const AGENT_CHECKPOINT_SCHEMA = 'langgraph';

/**
 * Agent chains: the LangGraph checkpointer's tables (the same statements, in the same order,
 * as @langchain/langgraph-checkpoint-postgres's own setup(), which then finds them done and
 * adds only what a newer release brings), the approvals inbox, and a trace of every graph
 * node an activity ran (what a reviewer reads, and what proves a retry resumed mid-graph).
 */
export class AiAgents1764300900000 implements MigrationInterface {
  name = 'AiAgents1764300900000';

  async up(db: QueryRunner): Promise<void> {
    const s = AGENT_CHECKPOINT_SCHEMA;
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${s}"`);
    const checkpointerMigrations = [
      `CREATE TABLE IF NOT EXISTS "${s}".checkpoint_migrations (v INTEGER PRIMARY KEY)`,
      `CREATE TABLE IF NOT EXISTS "${s}".checkpoints (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        checkpoint_id TEXT NOT NULL,
        parent_checkpoint_id TEXT,
        type TEXT,
        checkpoint JSONB NOT NULL,
        metadata JSONB NOT NULL DEFAULT '{}',
        PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
      )`,
      `CREATE TABLE IF NOT EXISTS "${s}".checkpoint_blobs (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL,
        version TEXT NOT NULL,
        type TEXT NOT NULL,
        blob BYTEA,
        PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
      )`,
      `CREATE TABLE IF NOT EXISTS "${s}".checkpoint_writes (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        checkpoint_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        channel TEXT NOT NULL,
        type TEXT,
        blob BYTEA NOT NULL,
        PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
      )`,
      `ALTER TABLE "${s}".checkpoint_blobs ALTER COLUMN blob DROP NOT NULL`,
    ];
    for (const [version, statement] of checkpointerMigrations.entries()) {
      await db.query(statement);
      await db.query(`INSERT INTO "${s}".checkpoint_migrations (v) VALUES ($1) ON CONFLICT DO NOTHING`, [version]);
    }

    await db.query(`CREATE TABLE ai_approvals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      key text NOT NULL UNIQUE,
      enrollment_id uuid NOT NULL,
      workflow_id text NOT NULL,
      flow_id uuid NOT NULL,
      node_id text NOT NULL,
      contact_id uuid NOT NULL,
      test_mode boolean NOT NULL DEFAULT false,
      subject text NOT NULL,
      body text NOT NULL,
      context jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
      sent_subject text,
      sent_body text,
      reason text,
      decided_by_kind text,
      decided_by_id text,
      decided_at timestamptz,
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX ai_approvals_inbox_idx ON ai_approvals (tenant_id, status, created_at DESC, id)`);

    await db.query(`CREATE TABLE ai_agent_steps (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      thread_id text NOT NULL,
      node text NOT NULL,
      attempt int NOT NULL,
      usage jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX ai_agent_steps_thread_idx ON ai_agent_steps (tenant_id, thread_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ai_agent_steps`);
    await db.query(`DROP TABLE ai_approvals`);
    await db.query(`DROP SCHEMA "${AGENT_CHECKPOINT_SCHEMA}" CASCADE`);
  }
}
