import type { Redis } from 'ioredis';
import type { Actor, DataSource } from '@cadenza/data';
import type { Principal } from '@cadenza/core';
import type { AuthSettings } from '../../auth/auth-settings';

export interface AuthRouteDependencies {
  db: DataSource;
  redis: Redis;
  settings: AuthSettings;
}

/** Who a domain event names as the cause of a change. */
export const actorOf = (principal: Principal): Actor =>
  principal.via === 'session' ? { kind: 'user', id: principal.userId } : { kind: 'api_key', id: null };
