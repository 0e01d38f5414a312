import { ConfigError } from '../errors';
import { parseEnv } from '../env-config';
import { DEFAULT_KMS_ENDPOINT, PayloadKeysEnvSchema } from './payload-keys-env';

const KEY = 'projects/acme-prod/locations/europe-west1/keyRings/cadenza-payloads/cryptoKeys/payload-kek';

const parse = (env: Record<string, string>) => parseEnv('worker', PayloadKeysEnvSchema, env);
const problems = (env: Record<string, string>) => {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('PayloadKeysEnvSchema', () => {
  it('is optional: without a KMS key name the endpoint still defaults', () => {
    expect(parse({})).toEqual({ CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT });
  });

  it('accepts a crypto key name and a private https endpoint', () => {
    expect(parse({ CADENZA_KMS_KEY_NAME: KEY, CADENZA_KMS_ENDPOINT: 'https://kms.internal.example/' })).toEqual({
      CADENZA_KMS_KEY_NAME: KEY,
      CADENZA_KMS_ENDPOINT: 'https://kms.internal.example/',
    });
  });

  it('refuses a key version, naming why rotation needs the key itself', () => {
    expect(problems({ CADENZA_KMS_KEY_NAME: `${KEY}/cryptoKeyVersions/3` })).toMatch(
      /^CADENZA_KMS_KEY_NAME: names a key version; give the crypto key itself/,
    );
  });

  it.each([
    'payload-kek',
    'projects/acme/keyRings/r/cryptoKeys/k',
    'projects/acme/locations/europe-west1/keyRings/r/cryptoKeys/k/extra',
    'projects/acme/locations/Europe West/keyRings/r/cryptoKeys/k',
  ])('refuses %s with the expected form', (name) => {
    expect(problems({ CADENZA_KMS_KEY_NAME: name })).toContain(
      'CADENZA_KMS_KEY_NAME: is not a Cloud KMS crypto key name (projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>)',
    );
  });

  it('refuses an endpoint that would send the access token in clear text, or is not a base URL', () => {
    expect(problems({ CADENZA_KMS_ENDPOINT: 'http://kms.example' })).toContain('CADENZA_KMS_ENDPOINT: must be https');
    expect(problems({ CADENZA_KMS_ENDPOINT: 'https://kms.example/?key=1' })).toContain('without query');
    expect(problems({ CADENZA_KMS_ENDPOINT: 'cloudkms' })).toContain('is not a URL');
    expect(parse({ CADENZA_KMS_ENDPOINT: 'http://127.0.0.1:8089' }).CADENZA_KMS_ENDPOINT).toBe('http://127.0.0.1:8089');
  });
});
