import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema';

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
    synchronize: false,
    migrationsRun: false,
    poolSize,
    extra: { connectionTimeoutMillis: connectTimeoutMs },
  });
}
