import { randomBytes } from 'node:crypto';
import { ConfigError } from '@cadenza/core';
import { loadAuthSettings } from './auth-settings';

describe('auth settings', () => {
  it('runs development without a key: TOTP unavailable, cookies not Secure', () => {
    const settings = loadAuthSettings({});
    expect(settings.secretKey).toBeNull();
    expect(settings.secureCookies).toBe(false);
    expect(settings.sessionTtlMs).toBe(12 * 3_600_000);
  });

  it('stops production at boot without a key, naming the variable', () => {
    expect(() => loadAuthSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadAuthSettings({ NODE_ENV: 'production' })).toThrow(/CADENZA_SECRET_KEY/);
  });

  it('stops production at boot on the published compose key or a hand-made one, naming the variable', () => {
    for (const key of ['8eb95d7c9ffd4aec451b8e58d90aed779e3746fece601434b8950103135dd694', '0'.repeat(64)]) {
      expect(() => loadAuthSettings({ NODE_ENV: 'production', CADENZA_SECRET_KEY: key })).toThrow(
        /CADENZA_SECRET_KEY: the key/,
      );
    }
  });

  it('reads a hex key and turns on Secure cookies in production', () => {
    const key = randomBytes(32);
    const settings = loadAuthSettings({ NODE_ENV: 'production', CADENZA_SECRET_KEY: key.toString('hex') });
    expect(settings.secretKey).toEqual(key);
    expect(settings.secureCookies).toBe(true);
  });

  it('rejects a key of the wrong size and a bad TTL, naming each variable', () => {
    expect(() => loadAuthSettings({ CADENZA_SECRET_KEY: 'short' })).toThrow(/CADENZA_SECRET_KEY: must be 32 bytes/);
    expect(() => loadAuthSettings({ SESSION_TTL_HOURS: '-1' })).toThrow(/SESSION_TTL_HOURS/);
  });
});
