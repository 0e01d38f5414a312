import {
  InvalidCredentialsError,
  InvalidTotpError,
  TotpRequiredError,
  LoginRequestSchema,
  NotFoundError,
  SessionViewSchema,
  SwitchTenantRequestSchema,
  TooManyRequestsError,
  TryAgainError,
} from '@cadenza/core';
import {
  deleteSessionByToken,
  describeSession,
  ACCOUNT_CHANGES,
  recordAccountAudit,
  recordSignInFailure,
  signIn,
  switchSessionTenant,
  type SignInFailureReason,
} from '@cadenza/data';
import type { Response } from 'express';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { LoginRateLimiter } from '../../auth/login-rate-limit';
import { requireSession, sessionTokenOf } from '../../auth/session-resolver';
import { clearedSessionCookie, sessionCookie } from '../../auth/session-cookie';
import { deviceCookie, deviceTokenOf } from '../../auth/device-cookie';
import type { AuthRouteDependencies } from './auth-route-deps';

/** Rate limits and a full password-hashing queue tell the client when to come back. */
export async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TooManyRequestsError || error instanceof TryAgainError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    throw error;
  }
}

/** The audited reason of a failed sign-in; null for answers that are not a failed check (busy, no workspace). */
function failureReason(error: unknown): SignInFailureReason | null {
  if (error instanceof InvalidCredentialsError) return 'invalid_credentials';
  if (error instanceof InvalidTotpError) return 'totp_invalid';
  if (error instanceof TotpRequiredError) return 'totp_required';
  // The per-address limit: the lockout a client sees. An account in its delay answers as a wrong password.
  if (error instanceof TooManyRequestsError) return 'rate_limited';
  return null;
}

/** Sign in, sign out, who am I, and switching workspace: the browser session lifecycle. */
export function sessionRoutes({ db, redis, settings }: AuthRouteDependencies): ApiRoute[] {
  const limiter = new LoginRateLimiter(redis, settings.signIn.clientLimit);
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with email and password (and TOTP code); sets the HTTP-only session cookie',
      access: 'public',
      body: LoginRequestSchema,
      responses: {
        200: { description: 'signed in; keep csrfToken for writes', schema: SessionViewSchema },
        401: {
          description:
            'wrong email or password: one answer for an unknown email, a wrong password and an account in its delay; or TOTP code needed or wrong',
        },
        403: {
          description:
            'the account belongs to no workspace (no_workspace, listing the invitations it may accept with acceptInvitationId), or not to the one asked for',
        },
        404: { description: 'acceptInvitationId names no pending invitation of this account' },
        429: { description: 'too many attempts from this client address; see Retry-After' },
        503: { description: 'try_again: the server is busy checking passwords; see Retry-After' },
      },
      handler: async ({ body, req, res }) => {
        // req.ip is the socket's peer unless TRUST_PROXY names the proxies allowed to set X-Forwarded-For.
        const clientAddress = req.ip ?? null;
        const { session, view, deviceToken } = await withRetryAfter(res, async () => {
          await limiter.consume(req.ip ?? 'unknown');
          return signIn(db, body, {
            sessionTtlMs: settings.sessionTtlMs,
            secretKey: settings.secretKey,
            throttle: settings.signIn.throttle,
            deviceToken: deviceTokenOf(req),
            clientAddress,
          });
        }).catch(async (error: unknown) => {
          const reason = failureReason(error);
          if (reason) await recordSignInFailure(db, { email: body.email, reason, clientAddress });
          throw error;
        });
        // A cookie from an earlier sign-in on this browser is replaced, so its session ends too.
        const previous = sessionTokenOf(req);
        if (previous) await deleteSessionByToken(db, previous);
        res.setHeader('Set-Cookie', [
          sessionCookie(session.token, settings.sessionTtlMs / 1000, settings.secureCookies),
          deviceCookie(deviceToken, settings.secureCookies),
        ]);
        res.setHeader('Cache-Control', 'no-store');
        return { body: view };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Sign out: ends the session and clears the cookie',
      access: 'public',
      responses: { 204: { description: 'signed out (also when there was no session)' } },
      handler: async ({ req, res }) => {
        const token = sessionTokenOf(req);
        const ended = token ? await deleteSessionByToken(db, token) : null;
        if (ended) await recordAccountAudit(db, ended, ACCOUNT_CHANGES.signOut, req.ip ?? null);
        res.setHeader('Set-Cookie', clearedSessionCookie(settings.secureCookies));
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The signed-in user, workspace, role, CSRF token and workspaces to switch to',
      access: 'authenticated',
      responses: { 200: { description: 'the session', schema: SessionViewSchema } },
      handler: async ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { body: await describeSession(db, requireSession(req)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/switch-tenant',
      tag: 'auth',
      summary: 'Move the session to another workspace the user belongs to',
      access: 'authenticated',
      body: SwitchTenantRequestSchema,
      responses: {
        200: { description: 'the session, now in that workspace', schema: SessionViewSchema },
        404: { description: 'no such workspace among the user’s memberships' },
      },
      handler: async ({ body, req }) => {
        const switched = await switchSessionTenant(db, requireSession(req), body.tenantId);
        if (!switched) throw new NotFoundError('workspace', body.tenantId);
        return { body: await describeSession(db, switched) };
      },
    }),
  ];
}
