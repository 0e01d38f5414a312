import type { Request } from 'express';
import { SIGN_IN_DEVICE_TTL_MS } from '@cadenza/data';
import { parseCookies } from './parse-cookies';

/**
 * The trusted-device cookie: set by a successful sign-in, it lets this browser skip the
 * account's progressive delay (an attacker's failures elsewhere never lock the owner out).
 * Sent only to the /auth routes that check a password, never readable by scripts.
 */
export const DEVICE_COOKIE = 'cadenza_device';

export function deviceCookie(token: string, secure: boolean): string {
  return [
    `${DEVICE_COOKIE}=${token}`,
    'Path=/api/v1/auth',
    `Max-Age=${Math.floor(SIGN_IN_DEVICE_TTL_MS / 1000)}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export const deviceTokenOf = (req: Request): string | null => parseCookies(req.get('cookie'))[DEVICE_COOKIE] ?? null;
