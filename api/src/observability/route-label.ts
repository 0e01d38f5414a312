import type { Request } from 'express';

/**
 * The matched route pattern (`/api/v1/smoke-runs/:id`), never the raw URL: ids in the path
 * would give every request its own time series and blow up Prometheus' memory.
 */
export function routeLabel(baseUrl: string | undefined, route: unknown): string | undefined {
  const routePath: unknown = (route as { path?: unknown } | undefined)?.path;
  if (typeof routePath !== 'string') return undefined;
  return `${baseUrl ?? ''}${routePath}` || '/';
}

/**
 * Remembers the route pattern at the moment Express matches it. Express restores `baseUrl`
 * when a request leaves a router (an error does that before the response is sent), so
 * reading it at `finish` would lose the mount point of failed requests.
 */
export function watchMatchedRoute(req: Request): () => string {
  let current: unknown = req.route;
  let matched: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = value;
      matched = routeLabel(req.baseUrl, value) ?? matched;
    },
  });
  return () => matched ?? 'unmatched';
}
