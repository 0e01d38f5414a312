import { configurePasswordHashing } from '@cadenza/data';
import type { ApiRoute } from '../../http/api-route';
import { apiKeyRoutes } from './api-key-routes';
import { invitationRoutes } from './invitation-routes';
import { passwordRoutes } from './password-routes';
import type { AuthRouteDependencies } from './auth-route-deps';
import { sessionRoutes } from './session-routes';
import { totpRoutes } from './totp-routes';
import { userRoutes } from './user-routes';

export type { AuthRouteDependencies } from './auth-route-deps';

/** Sign-in and sessions, TOTP, passwords, invitations, workspace users and API keys. */
export function authRoutes(deps: AuthRouteDependencies): ApiRoute[] {
  // The process's one argon2 queue takes the configured bounds (ARGON2_MAX_CONCURRENT/WAITING).
  configurePasswordHashing(deps.settings.signIn.hashing);
  return [
    ...sessionRoutes(deps),
    ...totpRoutes(deps),
    ...passwordRoutes(deps),
    ...invitationRoutes(deps),
    ...userRoutes(deps),
    ...apiKeyRoutes(deps),
  ];
}
