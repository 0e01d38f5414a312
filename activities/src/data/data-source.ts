import { DataSource } from 'typeorm';
import { TenantEntity } from './entities/tenant';
import { ApiKeyEntity } from './entities/api-key';
import { SmokeRunEntity } from './entities/smoke-run';
import { Foundation1764300000000 } from './migrations/1764300000000-foundation';
import { ApiKeyRoles1764300100000 } from './migrations/1764300100000-api-key-roles';

export const ENTITIES = [TenantEntity, ApiKeyEntity, SmokeRunEntity];
export const MIGRATIONS = [Foundation1764300000000, ApiKeyRoles1764300100000];

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
