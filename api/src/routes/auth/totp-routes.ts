import { z } from 'zod';
import { InvalidTotpError, TotpCodeRequestSchema, TotpEnrollmentSchema } from '@cadenza/core';
import {
  ACCOUNT_CHANGES,
  confirmTotpEnrollment,
  recordAccountAudit,
  disableTotp,
  startTotpEnrollment,
  throttledCodeCheck,
  type DataSource,
} from '@cadenza/data';
import type { Request } from 'express';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { requireSession } from '../../auth/session-resolver';
import { deviceTokenOf } from '../../auth/device-cookie';
import type { AuthRouteDependencies } from './auth-route-deps';

const TotpStatusSchema = z.object({ totpEnabled: z.boolean() });

/** Code checks count against the account like passwords do; a throttled one answers as a wrong code. */
const underThrottle = (
  db: DataSource,
  req: Request,
  settings: AuthRouteDependencies['settings'],
  check: () => Promise<void>,
) =>
  throttledCodeCheck(
    db,
    requireSession(req).userId,
    deviceTokenOf(req),
    settings.signIn.throttle,
    check,
    () => new InvalidTotpError(400),
  );

/** A signed-in user turns two-factor sign-in on (enroll, then confirm a code) or off. */
export function totpRoutes({ db, settings }: AuthRouteDependencies): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/totp/enroll',
      tag: 'auth',
      summary: 'Start TOTP enrollment: a new secret and otpauth URL, not enforced until confirmed',
      access: 'authenticated',
      responses: {
        200: { description: 'scan the URL or type the secret into an authenticator app', schema: TotpEnrollmentSchema },
        409: { description: 'TOTP is already on' },
        503: { description: 'the server has no CADENZA_SECRET_KEY' },
      },
      handler: async ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { body: await startTotpEnrollment(db, requireSession(req).userId, settings.secretKey) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/totp/confirm',
      tag: 'auth',
      summary: 'Confirm enrollment with a current code; from now on sign-in asks for one',
      access: 'authenticated',
      body: TotpCodeRequestSchema,
      responses: {
        200: { description: 'TOTP is on', schema: TotpStatusSchema },
        400: { description: 'wrong, expired or reused code, or no enrollment started' },
      },
      handler: async ({ body, req }) => {
        await underThrottle(db, req, settings, () =>
          confirmTotpEnrollment(db, requireSession(req).userId, settings.secretKey, body.code),
        );
        await recordAccountAudit(db, requireSession(req), ACCOUNT_CHANGES.totpEnabled, req.ip ?? null);
        return { body: { totpEnabled: true } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/totp/disable',
      tag: 'auth',
      summary: 'Turn TOTP off; needs a current code',
      access: 'authenticated',
      body: TotpCodeRequestSchema,
      responses: {
        200: { description: 'TOTP is off', schema: TotpStatusSchema },
        400: { description: 'wrong, expired or reused code, or TOTP is not on' },
      },
      handler: async ({ body, req }) => {
        await underThrottle(db, req, settings, () =>
          disableTotp(db, requireSession(req).userId, settings.secretKey, body.code),
        );
        await recordAccountAudit(db, requireSession(req), ACCOUNT_CHANGES.totpDisabled, req.ip ?? null);
        return { body: { totpEnabled: false } };
      },
    }),
  ];
}
