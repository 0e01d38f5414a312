import { DataSource } from 'typeorm';
import type { Db } from '../crm/crm-write';

// Decided once per database: the migration added the pgvector copy or it did not.
const known = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Whether this database keeps pgvector copies of the vectors (`knowledge_vectors.embedding_pgv`,
 * added by the migration where the server has the extension). Searches and writes follow it.
 */
export function hasPgvector(db: Db): Promise<boolean> {
  const source = db instanceof DataSource ? db : db.connection;
  let answer = known.get(source);
  if (!answer) {
    answer = source
      .query(
        `SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'knowledge_vectors' AND column_name = 'embedding_pgv'`,
      )
      .then((rows: unknown[]) => rows.length > 0);
    known.set(source, answer);
  }
  return answer;
}
