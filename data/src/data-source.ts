import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema';
import { EventSeqSubscriber } from './events/seq-at-commit';

export { ENTITIES, MIGRATIONS };

export interface DataSourceOptions {
  url: string;
  /** How long to wait for a connection before failing, in milliseconds. */
  connectTimeoutMs?: number;
  poolSize?: number;
}

/** The one TypeORM data source used by the API and by activities. Schema comes from migrations only. */
export function createDataSource({ url, connectTimeoutMs = 5000, poolSize = 10 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Fills in the seqs of appended domain events once their transaction commits.
    subscribers: [EventSeqSubscriber],
    synchronize: false,
    migrationsRun: false,
    poolSize,
    extra: { connectionTimeoutMillis: connectTimeoutMs },
  });
}
