import { loadAuthSettings } from './auth-settings';
import { DEFAULT_SIGN_IN_SETTINGS } from './sign-in-settings';

const loadSignInSettings = (env: Record<string, string>) => loadAuthSettings(env).signIn;

describe('sign-in settings', () => {
  it('defaults to the documented limits', () => {
    expect(loadSignInSettings({})).toEqual(DEFAULT_SIGN_IN_SETTINGS);
    expect(DEFAULT_SIGN_IN_SETTINGS).toMatchObject({
      clientLimit: { burst: 20, refillPerMinute: 20 },
      throttle: { freeFailures: 5, maxDelayMs: 60_000 },
      hashing: { maxConcurrent: 2, maxWaiting: 16 },
    });
  });

  it('reads each variable and names the one that is wrong', () => {
    const settings = loadSignInSettings({
      LOGIN_RATE_BURST: '5',
      LOGIN_RATE_PER_MINUTE: '3',
      LOGIN_FREE_FAILURES: '3',
      LOGIN_MAX_DELAY_SECONDS: '30',
      ARGON2_MAX_CONCURRENT: '4',
      ARGON2_MAX_WAITING: '0',
    });
    expect(settings).toEqual({
      clientLimit: { burst: 5, refillPerMinute: 3 },
      throttle: { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 30_000 },
      hashing: { maxConcurrent: 4, maxWaiting: 0 },
    });
    expect(() => loadSignInSettings({ ARGON2_MAX_CONCURRENT: '0' })).toThrow(/ARGON2_MAX_CONCURRENT/);
    expect(() => loadSignInSettings({ LOGIN_MAX_DELAY_SECONDS: 'soon' })).toThrow(/LOGIN_MAX_DELAY_SECONDS/);
  });
});
