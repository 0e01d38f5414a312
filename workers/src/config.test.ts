import { randomBytes } from 'node:crypto';
import { loadWorkerConfig } from './config';

// The key-encryption key of Temporal payloads comes from the secret key when no KMS key is set.
const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/cadenza',
  CADENZA_SECRET_KEY: randomBytes(32).toString('hex'),
};

describe('worker config: the egress allow list', () => {
  it('stops the boot on a bad CADENZA_EGRESS_ALLOW entry, naming it', () => {
    expect(() => loadWorkerConfig({ ...base, CADENZA_EGRESS_ALLOW: '127.0.0.1:2525,smtp internal' })).toThrow(
      /CADENZA_EGRESS_ALLOW: egress allow entry "smtp internal" is not a valid host name/,
    );
  });

  it('takes CIDRs and host names with ports, and none by default', () => {
    expect(loadWorkerConfig(base).CADENZA_EGRESS_ALLOW).toBe('');
    expect(
      loadWorkerConfig({ ...base, CADENZA_EGRESS_ALLOW: '10.0.0.0/8,smtp.internal:587' }).CADENZA_EGRESS_ALLOW,
    ).toBe('10.0.0.0/8,smtp.internal:587');
  });
});

describe('worker config: messaging and AI are read at boot, not on first use', () => {
  it('stops the boot on a bad messaging variable, naming it', () => {
    expect(() => loadWorkerConfig({ ...base, SENDGRID_BASE_URL: 'sendgrid' })).toThrow(/SENDGRID_BASE_URL: /);
    expect(() => loadWorkerConfig({ ...base, SINK_DAILY_LIMIT: '0' })).toThrow(/SINK_DAILY_LIMIT: /);
    expect(() => loadWorkerConfig({ ...base, CADENZA_SECRET_KEY: undefined, NODE_ENV: 'production' })).toThrow(
      /CADENZA_SECRET_KEY: required/,
    );
  });

  it('stops the boot on a bad LLM variable, naming it', () => {
    expect(() => loadWorkerConfig({ ...base, LLM_PROVIDER: 'gpt' })).toThrow(/LLM_PROVIDER: /);
    expect(() => loadWorkerConfig({ ...base, LLM_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY: required/);
    expect(() => loadWorkerConfig({ ...base, EMBEDDING_PROVIDER: 'openai' })).toThrow(
      /OPENAI_API_KEY: required when EMBEDDING_PROVIDER=openai/,
    );
    expect(() => loadWorkerConfig({ ...base, AI_PRICE_INPUT_PER_MTOK: '1' })).toThrow(
      /AI_PRICE_OUTPUT_PER_MTOK: required when AI_PRICE_INPUT_PER_MTOK is set/,
    );
  });

  it('derives the messaging settings and the active model from the same tree', () => {
    const settings = loadWorkerConfig({ ...base, SMTP_SINK_HOST: 'smtp-sink', OPENAI_API_KEY: 'sk-test' });
    expect(settings.messaging.sink).toMatchObject({ host: 'smtp-sink', port: 2525 });
    expect(settings.activeModel).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(settings.embeddingModel).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small' });
  });
});

describe('payload encryption is configured at boot', () => {
  it('stops the boot without a key-encryption key, naming both variables', () => {
    const { CADENZA_SECRET_KEY: _key, ...keyless } = base;
    expect(() => loadWorkerConfig(keyless)).toThrow(
      /CADENZA_KMS_KEY_NAME or CADENZA_SECRET_KEY: payload encryption needs/,
    );
  });

  it('wraps with Cloud KMS when a key is named, and with the secret key otherwise', () => {
    expect(loadWorkerConfig(base).payloadKeyWrapper.kekId).toMatch(/^local:[0-9a-f]{16}$/);
    const keyName = 'projects/p/locations/europe-west1/keyRings/cadenza/cryptoKeys/payloads';
    expect(loadWorkerConfig({ ...base, CADENZA_KMS_KEY_NAME: keyName }).payloadKeyWrapper.kekId).toBe(
      `gcp-kms:${keyName}`,
    );
    expect(() => loadWorkerConfig({ ...base, CADENZA_KMS_KEY_NAME: `${keyName}/cryptoKeyVersions/3` })).toThrow(
      /CADENZA_KMS_KEY_NAME: names a key version/,
    );
  });
});
