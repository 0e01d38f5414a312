import type { ApiRoute } from '../../http/api-route';
import { apiKeyRoutes } from './api-key-routes';
import type { AuthRouteDependencies } from './auth-route-deps';
import { sessionRoutes } from './session-routes';
import { totpRoutes } from './totp-routes';
import { userRoutes } from './user-routes';

export type { AuthRouteDependencies } from './auth-route-deps';

/** Sign-in and sessions, TOTP, workspace users and API keys. */
export const authRoutes = (deps: AuthRouteDependencies): ApiRoute[] => [
  ...sessionRoutes(deps),
  ...totpRoutes(deps),
  ...userRoutes(deps),
  ...apiKeyRoutes(deps),
];
