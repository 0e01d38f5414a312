import { z } from 'zod';
import type { RuntimeMode } from '@cadenza/core';

/** The Vite dev server (web/vite.config.ts), which proxies /socket.io to the API in development. */
const VITE_DEV_PORT = 5173;

/** An origin as browsers send it (scheme://host[:port], lower case, default port dropped), or null. */
function normalizedOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // An origin has no path, query, fragment or credentials; a list entry with them is a mistake.
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      return null;
    }
    if (!/^https?:\/\/[^/]+\/?$/i.test(text.trim())) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** APP_ORIGINS: comma-separated origins, each checked at boot so a typo names itself. */
export const appOriginsVar = z
  .string()
  .transform((text, context) => {
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const origins: string[] = [];
    for (const entry of entries) {
      const origin = normalizedOrigin(entry);
      if (origin) origins.push(origin);
      else context.addIssue({ code: 'custom', message: `"${entry}" is not an origin (scheme://host[:port], no path)` });
    }
    return origins;
  })
  .optional()
  .describe(
    'comma-separated origins (https://app.example.com) whose pages may open live (Socket.IO) connections; default: the origin of PUBLIC_BASE_URL, plus http://localhost:PORT, http://127.0.0.1:PORT and the Vite dev server outside production',
  );

export interface AppOriginsConfig {
  NODE_ENV: RuntimeMode;
  PORT: number;
  PUBLIC_BASE_URL: string;
  APP_ORIGINS?: string[] | undefined;
}

/** The origins whose pages may connect, decided once at boot. */
export function appOrigins(config: AppOriginsConfig): ReadonlySet<string> {
  if (config.APP_ORIGINS?.length) return new Set(config.APP_ORIGINS);
  const origins = [new URL(config.PUBLIC_BASE_URL).origin];
  if (config.NODE_ENV !== 'production') {
    for (const host of ['localhost', '127.0.0.1']) {
      origins.push(`http://${host}:${config.PORT}`, `http://${host}:${VITE_DEV_PORT}`);
    }
  }
  return new Set(origins);
}

/**
 * Whether a handshake's Origin may connect. A browser always sends Origin, so a page of another
 * site riding the user's session cookie is refused; clients without one (scripts, servers
 * with an API key in the handshake) still have to authenticate like any other.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  const normalized = normalizedOrigin(origin);
  return normalized !== null && allowed.has(normalized);
}

/**
 * The origins of pages served by the host a request was sent to (its Host header): the fallback
 * of a gateway given no list (tests, benches), so the app's own pages connect and other sites do not.
 */
export function sameHostOrigins(host: string | undefined): ReadonlySet<string> {
  if (!host) return new Set();
  return new Set([`http://${host}`, `https://${host}`].map((origin) => normalizedOrigin(origin) ?? '').filter(Boolean));
}
