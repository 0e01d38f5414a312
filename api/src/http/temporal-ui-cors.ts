import type { RequestHandler } from 'express';

/** Headers the Temporal UI sends to its codec server. */
const ALLOWED_HEADERS = 'content-type, x-namespace, authorization, caller-type';

/**
 * Lets the Temporal Web UI (another origin: its own port or host) call the codec server with the
 * person's session cookie ("include cross-origin credentials" in the UI's codec settings). Only
 * that one origin, only the codec path; every other route keeps the same-origin policy.
 */
export function temporalUiCors(temporalUiUrl: string): RequestHandler {
  const allowedOrigin = new URL(temporalUiUrl).origin;
  return (req, res, next) => {
    res.vary('Origin');
    if (req.get('origin') !== allowedOrigin) return next();
    res.set({
      'access-control-allow-origin': allowedOrigin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    });
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  };
}
