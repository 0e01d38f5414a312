import { z } from 'zod';
import type { RuntimeMode } from './runtime-mode';

/**
 * Who may read /metrics, on the API's port and the worker's alike. Metrics name routes, queues
 * and activity types and count every tenant's traffic, so production serves them only to a
 * scraper that presents METRICS_TOKEN; development keeps them open for the local launcher.
 */
export const MetricsEnvSchema = z.object({
  METRICS_TOKEN: z
    .string()
    .min(32)
    .optional()
    .describe(
      'bearer token a scraper sends to read /metrics (32+ characters, e.g. `openssl rand -hex 32`); unset: /metrics is open in development, off (404) in production',
    ),
});

export type MetricsAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off' };

/** Decided once at boot from NODE_ENV and METRICS_TOKEN. */
export function metricsAccess(mode: RuntimeMode, token: string | undefined): MetricsAccess {
  if (token) return { kind: 'token', token };
  return mode === 'production' ? { kind: 'off' } : { kind: 'open' };
}

/** Compares in time independent of where the strings differ, so a scraper's guess learns nothing. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return difference === 0;
}

/** What a /metrics request gets: the metrics, 401 (no or wrong token) or 404 (metrics off). */
export function metricsVerdict(
  access: MetricsAccess,
  authorization: string | undefined,
): 'allow' | 'unauthorized' | 'off' {
  if (access.kind === 'open') return 'allow';
  if (access.kind === 'off') return 'off';
  const presented = /^Bearer (.+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  return sameText(presented, access.token) ? 'allow' : 'unauthorized';
}
