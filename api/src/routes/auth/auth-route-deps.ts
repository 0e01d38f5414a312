import type { Redis } from 'ioredis';
import type { DataSource } from '@cadenza/data';
import type { AuthSettings } from '../../auth/auth-settings';

export interface AuthRouteDependencies {
  db: DataSource;
  redis: Redis;
  settings: AuthSettings;
}
