import { z } from 'zod';
import { NotFoundError } from '@cadenza/core';
import { findMessageById, type DataSource } from '@cadenza/data';
import { recordInboundEvent, verifyTrackingToken, type SignalRun } from '@cadenza/services/messaging';
import { defineRoute, type ApiRoute } from '../../http/api-route';

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const TokenParams = z.object({ token: z.string().min(10).max(4000).describe('signed tracking token') });

/**
 * Public tracking endpoints, reached from inside emails. No sign-in: the HMAC-signed token
 * is the authority, and a forged or altered token is simply not found. The click target
 * comes only from the signed token, so this is never an open redirect.
 */
export function trackingRoutes(deps: {
  db: DataSource;
  trackingSecret: Buffer | null;
  signalRun: SignalRun;
}): ApiRoute[] {
  const claimOf = (token: string, kind: 'o' | 'c' | 'u') => {
    const claim = deps.trackingSecret ? verifyTrackingToken(deps.trackingSecret, token, kind) : null;
    if (!claim) throw new NotFoundError('tracking link', token.slice(0, 16));
    return claim;
  };
  const messageOf = async (id: string) => {
    const message = await findMessageById(deps.db, id);
    if (!message) throw new NotFoundError('message', id);
    return message;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/t/o/:token',
      tag: 'tracking',
      summary: 'Open pixel: records the open and answers a 1x1 GIF',
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'a transparent GIF', contentType: 'image/gif' },
        404: { description: 'invalid token' },
      },
      handler: async ({ params, res }) => {
        const claim = claimOf(params.token.replace(/\.gif$/, ''), 'o');
        await recordInboundEvent(deps.db, deps.signalRun, await messageOf(claim.m), 'open');
        res.status(200).set({ 'content-type': 'image/gif', 'cache-control': 'no-store, private' }).send(PIXEL);
        return { raw: true };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/t/c/:token',
      tag: 'tracking',
      summary: 'Click redirect: records the click and redirects to the exact link of the email',
      access: 'public',
      params: TokenParams,
      responses: { 302: { description: 'redirect to the signed destination' }, 404: { description: 'invalid token' } },
      handler: async ({ params, res }) => {
        const claim = claimOf(params.token, 'c');
        if (claim.k !== 'c') throw new NotFoundError('tracking link', params.token.slice(0, 16));
        await recordInboundEvent(deps.db, deps.signalRun, await messageOf(claim.m), 'click', { url: claim.u });
        res.set('cache-control', 'no-store').redirect(302, claim.u);
        return { raw: true };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/t/u/:token',
      tag: 'tracking',
      summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post): suppresses the address',
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'unsubscribed', schema: z.object({ unsubscribed: z.literal(true) }) },
        404: { description: 'invalid token' },
      },
      handler: async ({ params }) => {
        const claim = claimOf(params.token, 'u');
        await recordInboundEvent(deps.db, deps.signalRun, await messageOf(claim.m), 'unsubscribe');
        return { body: { unsubscribed: true } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/t/u/:token',
      tag: 'tracking',
      summary: 'Unsubscribe page: a button that POSTs (link scanners that follow GETs unsubscribe nobody)',
      access: 'public',
      params: TokenParams,
      responses: {
        200: { description: 'an HTML page', contentType: 'text/html' },
        404: { description: 'invalid token' },
      },
      handler: async ({ params, res }) => {
        claimOf(params.token, 'u');
        res
          .status(200)
          .type('html')
          .send(
            `<!doctype html><meta charset="utf-8"><title>Unsubscribe</title><form method="post"><p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form>`,
          );
        return { raw: true };
      },
    }),
  ];
}
