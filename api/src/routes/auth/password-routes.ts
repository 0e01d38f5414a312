import { ChangePasswordRequestSchema } from '@cadenza/core';
import { ACCOUNT_CHANGES, changeOwnPassword, recordAccountAudit } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { requireSession } from '../../auth/session-resolver';
import { deviceTokenOf } from '../../auth/device-cookie';
import type { AuthRouteDependencies } from './auth-route-deps';
import { withRetryAfter } from './session-routes';

/** A signed-in user changes their own password. */
export function passwordRoutes({ db, settings }: AuthRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/password',
      tag: 'auth',
      summary: 'Change your own password: needs the current one (and a TOTP code when on); ends your other sessions',
      access: 'authenticated',
      body: ChangePasswordRequestSchema,
      responses: {
        204: { description: 'changed; this session stays, every other one has ended' },
        400: { description: 'the current password or the TOTP code is wrong, or the new password breaks the rules' },
        503: { description: 'try_again: the server is busy checking passwords; see Retry-After' },
      },
      handler: async ({ body, req, res }) => {
        await withRetryAfter(res, () =>
          changeOwnPassword(db, requireSession(req), body, {
            secretKey: settings.secretKey,
            deviceToken: deviceTokenOf(req),
            throttle: settings.signIn.throttle,
          }),
        );
        await recordAccountAudit(db, requireSession(req), ACCOUNT_CHANGES.password, req.ip ?? null);
        return { status: 204 };
      },
    }),
  ];
}
