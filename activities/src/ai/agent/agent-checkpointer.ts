import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { AGENT_CHECKPOINT_SCHEMA } from '@cadenza/data';

// One saver per data source: it borrows the data source's own pg pool, so checkpoints use the
// same connections (and limits) as every other write of the worker.
const savers = new WeakMap<DataSource, Promise<PostgresSaver>>();

/**
 * The LangGraph checkpointer of agent chains. The migration created its tables; setup() finds
 * them and applies only what a newer checkpointer release adds.
 */
export function agentCheckpointer(db: DataSource): Promise<PostgresSaver> {
  let saver = savers.get(db);
  if (!saver) {
    const pool = (db.driver as unknown as { master: pg.Pool }).master;
    const created = new PostgresSaver(pool, undefined, { schema: AGENT_CHECKPOINT_SCHEMA });
    saver = created.setup().then(() => created);
    // A failed setup (database down) must not stick: the next activity attempt tries again.
    saver.catch(() => savers.delete(db));
    savers.set(db, saver);
  }
  return saver;
}
