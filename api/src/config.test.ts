import { randomBytes } from 'node:crypto';
import { loadApiConfig } from './config';

// The key-encryption key of Temporal payloads comes from the secret key when no KMS key is set.
const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/cadenza',
  REDIS_URL: 'redis://127.0.0.1:6380',
  CADENZA_SECRET_KEY: randomBytes(32).toString('hex'),
};

describe('API config: the egress allow list', () => {
  it('stops the boot on a bad CADENZA_EGRESS_ALLOW entry, naming it', () => {
    expect(() => loadApiConfig({ ...base, CADENZA_EGRESS_ALLOW: '10.0.0.0/8, 192.168.0.0/99' })).toThrow(
      /CADENZA_EGRESS_ALLOW: egress allow entry "192.168.0.0\/99" is not a valid CIDR block/,
    );
  });

  it('accepts a valid list', () => {
    expect(loadApiConfig({ ...base, CADENZA_EGRESS_ALLOW: '127.0.0.1:2525' }).CADENZA_EGRESS_ALLOW).toBe(
      '127.0.0.1:2525',
    );
  });
});

describe('API config: messaging and AI are read at boot, before /ready can answer', () => {
  it('stops the boot on a bad messaging variable, naming it', () => {
    expect(() => loadApiConfig({ ...base, PUBLIC_BASE_URL: 'cadenza.example' })).toThrow(/PUBLIC_BASE_URL: /);
    expect(() => loadApiConfig({ ...base, INBOUND_WEBHOOK_SECRET: 'short' })).toThrow(/INBOUND_WEBHOOK_SECRET: /);
  });

  it('offers Gmail and Microsoft mailboxes only with both halves of their OAuth app, and stops on one half', () => {
    expect(loadApiConfig(base).messaging.mailOAuth).toMatchObject({ gmail: null, microsoft: null });
    const google = loadApiConfig({
      ...base,
      PUBLIC_BASE_URL: 'https://app.example.com/',
      GOOGLE_OAUTH_CLIENT_ID: 'id',
      GOOGLE_OAUTH_CLIENT_SECRET: 'secret',
      GMAIL_API_BASE_URL: 'http://127.0.0.1:4010/',
    }).messaging.mailOAuth;
    expect(google.redirectUrl).toBe('https://app.example.com/settings/mailboxes/oauth-callback');
    expect(google.gmail).toMatchObject({
      clientId: 'id',
      authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(() => loadApiConfig({ ...base, GOOGLE_OAUTH_CLIENT_ID: 'id' })).toThrow(
      /GOOGLE_OAUTH_CLIENT_SECRET: required when GOOGLE_OAUTH_CLIENT_ID is set/,
    );
    expect(() => loadApiConfig({ ...base, MICROSOFT_OAUTH_CLIENT_SECRET: 's' })).toThrow(
      /MICROSOFT_OAUTH_CLIENT_ID: required when MICROSOFT_OAUTH_CLIENT_SECRET is set/,
    );
    expect(() => loadApiConfig({ ...base, GMAIL_API_BASE_URL: 'not a url' })).toThrow(/GMAIL_API_BASE_URL: /);
  });

  it('stops the boot on a bad LLM variable, naming it', () => {
    expect(() => loadApiConfig({ ...base, LLM_THREADS: 'many' })).toThrow(/LLM_THREADS: /);
    expect(() => loadApiConfig({ ...base, LLM_PROVIDER: 'anthropic' })).toThrow(/LLM_PROVIDER: anthropic/);
  });

  it('resolves the active model once, at boot', () => {
    expect(loadApiConfig(base).activeModel.provider).toBe('local');
  });
});

describe('payload encryption is configured at boot', () => {
  it('stops the boot without a key-encryption key, naming both variables', () => {
    const { CADENZA_SECRET_KEY: _key, ...keyless } = base;
    expect(() => loadApiConfig(keyless)).toThrow(
      /CADENZA_KMS_KEY_NAME or CADENZA_SECRET_KEY: payload encryption needs/,
    );
  });

  it('wraps with Cloud KMS when a key is named, and with the secret key otherwise', () => {
    expect(loadApiConfig(base).payloadKeyWrapper.kekId).toMatch(/^local:[0-9a-f]{16}$/);
    const keyName = 'projects/p/locations/europe-west1/keyRings/cadenza/cryptoKeys/payloads';
    expect(loadApiConfig({ ...base, CADENZA_KMS_KEY_NAME: keyName }).payloadKeyWrapper.kekId).toBe(
      `gcp-kms:${keyName}`,
    );
    expect(() => loadApiConfig({ ...base, CADENZA_KMS_KEY_NAME: `${keyName}/cryptoKeyVersions/3` })).toThrow(
      /CADENZA_KMS_KEY_NAME: names a key version/,
    );
  });
});
