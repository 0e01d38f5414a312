import { z } from 'zod';
import { ConfigError, parseEnv } from '@cadenza/core';
import { readSecretKey } from '@cadenza/data';
import { DEFAULT_SIGN_IN_SETTINGS, loadSignInSettings, type SignInSettings } from './sign-in-settings';

/** Everything the auth routes and the session resolver need to know about their environment. */
export interface AuthSettings {
  /** Encrypts TOTP secrets at rest; null means TOTP is unavailable (development without a key). */
  secretKey: Buffer | null;
  sessionTtlMs: number;
  /** Secure cookies need HTTPS, so they are on in production only. */
  secureCookies: boolean;
  signIn: SignInSettings;
}

export const authEnvSchema = z.object({
  NODE_ENV: z.string().default('development').describe('production turns on Secure cookies and requires a secret key'),
  CADENZA_SECRET_KEY: z
    .string()
    .optional()
    .describe('32-byte key, 64 hex characters or base64, that encrypts TOTP secrets at rest; required in production'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12).describe('how long a sign-in lasts, in hours'),
});

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  secretKey: null,
  sessionTtlMs: 12 * 3_600_000,
  secureCookies: false,
  signIn: DEFAULT_SIGN_IN_SETTINGS,
};

/**
 * Reads the auth settings of the API process. Without CADENZA_SECRET_KEY production stops
 * at boot; development runs with TOTP unavailable rather than inventing or storing a key.
 */
export function loadAuthSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const parsed = parseEnv('api', authEnvSchema, env);
  const production = parsed.NODE_ENV === 'production';
  let secretKey: Buffer | null = null;
  if (parsed.CADENZA_SECRET_KEY) {
    try {
      secretKey = readSecretKey(parsed.CADENZA_SECRET_KEY, { production });
    } catch (error) {
      throw new ConfigError('api', [`CADENZA_SECRET_KEY: ${(error as Error).message}`]);
    }
  } else if (production) {
    throw new ConfigError('api', [
      'CADENZA_SECRET_KEY: required when NODE_ENV=production (32 bytes as 64 hex characters or base64, e.g. `openssl rand -hex 32`)',
    ]);
  }
  return {
    secretKey,
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3_600_000,
    secureCookies: production,
    signIn: loadSignInSettings(env),
  };
}
