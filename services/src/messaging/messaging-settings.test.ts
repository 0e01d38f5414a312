import { randomBytes } from 'node:crypto';
import { ConfigError } from '@cadenza/core';
import { loadMessagingSettings } from './messaging-settings';

// The worker reads these at boot: it must refuse what the API refuses, or it would seal and
// sign with a key the API never accepted.
describe('messaging settings', () => {
  it('runs development without a key (tracking off, sealed secrets refused)', () => {
    expect(loadMessagingSettings({}).secretKey).toBeNull();
  });

  it('stops production without a key, naming the variable', () => {
    expect(() => loadMessagingSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadMessagingSettings({ NODE_ENV: 'production' })).toThrow(/CADENZA_SECRET_KEY: required/);
  });

  it('stops production on the published compose key and on all-zero keys', () => {
    for (const key of ['8eb95d7c9ffd4aec451b8e58d90aed779e3746fece601434b8950103135dd694', '0'.repeat(64)]) {
      expect(() => loadMessagingSettings({ NODE_ENV: 'production', CADENZA_SECRET_KEY: key })).toThrow(
        /CADENZA_SECRET_KEY: the key/,
      );
    }
  });

  it('accepts a random key in production and refuses an unknown NODE_ENV', () => {
    const key = randomBytes(32);
    expect(
      loadMessagingSettings({ NODE_ENV: 'production', CADENZA_SECRET_KEY: key.toString('hex') }).secretKey,
    ).toEqual(key);
    expect(() => loadMessagingSettings({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
  });
});
