import { z } from 'zod';
import { parseEnv, SecretKeyEnvSchema } from '@cadenza/core';
import { secretKeyFrom } from '@cadenza/data';
import { DEFAULT_SIGN_IN_SETTINGS, SignInEnvSchema, signInSettingsFrom, type SignInSettings } from './sign-in-settings';

/** Everything the auth routes and the session resolver need to know about their environment. */
export interface AuthSettings {
  /** Encrypts TOTP secrets at rest; null means TOTP is unavailable (development without a key). */
  secretKey: Buffer | null;
  sessionTtlMs: number;
  /** Secure cookies need HTTPS, so they are on in production only. */
  secureCookies: boolean;
  signIn: SignInSettings;
}

/** The API's sign-in variables; part of ApiConfigSchema (NODE_ENV and the key come from SecretKeyEnvSchema). */
export const AuthEnvSchema = z.object({
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12).describe('how long a sign-in lasts, in hours'),
  ...SignInEnvSchema.shape,
});

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  secretKey: null,
  sessionTtlMs: 12 * 3_600_000,
  secureCookies: false,
  signIn: DEFAULT_SIGN_IN_SETTINGS,
};

/**
 * The auth settings of the API's parsed config, with the deployment key already read at boot
 * (secretKeyFrom): without it production stops there; development runs with TOTP unavailable
 * rather than inventing or storing a key.
 */
export function authSettingsFrom(
  parsed: z.infer<typeof AuthEnvSchema> & { NODE_ENV: string },
  secretKey: Buffer | null,
): AuthSettings {
  return {
    secretKey,
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3_600_000,
    secureCookies: parsed.NODE_ENV === 'production',
    signIn: signInSettingsFrom(parsed),
  };
}

/** The same from an environment alone, for tests that build an app without a boot config. */
export function loadAuthSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const parsed = parseEnv('api', AuthEnvSchema.extend(SecretKeyEnvSchema.shape), env);
  return authSettingsFrom(parsed, secretKeyFrom(parsed, 'api'));
}
