import { randomBytes } from 'node:crypto';
import { ConfigError, DEFAULT_KMS_ENDPOINT, parseEgressAllowList } from '@cadenza/core';
import { keyWrapperFromConfig } from './key-wrapper-from-config';
import { createLocalKeyWrapper } from './local-key-wrapper';

const KEY = 'projects/acme-prod/locations/europe-west1/keyRings/cadenza-payloads/cryptoKeys/payload-kek';
const secretKey = randomBytes(32);
const egressAllow = parseEgressAllowList('');

describe('keyWrapperFromConfig', () => {
  it('picks Cloud KMS when CADENZA_KMS_KEY_NAME is set', () => {
    const wrapper = keyWrapperFromConfig(
      { CADENZA_KMS_KEY_NAME: KEY, CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT },
      { secretKey: null, egressAllow },
      'worker',
    );
    expect(wrapper.kekId).toBe(`gcp-kms:${KEY}`);
  });

  it('with KMS and the secret key, still opens keys the local KEK wrapped before the switch (no KMS call)', async () => {
    const wrapper = keyWrapperFromConfig(
      { CADENZA_KMS_KEY_NAME: KEY, CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT },
      { secretKey, egressAllow },
      'worker',
    );
    expect(wrapper.kekId).toBe(`gcp-kms:${KEY}`);
    const local = createLocalKeyWrapper(secretKey);
    const dataKey = randomBytes(32);
    expect(await wrapper.unwrap(await local.wrap(dataKey), local.kekId)).toEqual(dataKey);
  });

  it('falls back to the local KEK from CADENZA_SECRET_KEY', () => {
    const wrapper = keyWrapperFromConfig(
      { CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT },
      { secretKey, egressAllow },
      'api',
    );
    expect(wrapper.kekId).toBe(createLocalKeyWrapper(secretKey).kekId);
  });

  it('without either, stops the boot naming both variables', () => {
    const build = () =>
      keyWrapperFromConfig({ CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT }, { secretKey: null, egressAllow }, 'api');
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/api: invalid configuration\n {2}- CADENZA_KMS_KEY_NAME or CADENZA_SECRET_KEY: /);
  });

  it("leaves the process's allow list as it was: the metadata server is the KMS guard's alone", () => {
    const allow = parseEgressAllowList('smtp.internal:587');
    keyWrapperFromConfig(
      { CADENZA_KMS_KEY_NAME: KEY, CADENZA_KMS_ENDPOINT: DEFAULT_KMS_ENDPOINT },
      { secretKey, egressAllow: allow },
      'worker',
    );
    expect(allow.map((entry) => entry.text)).toEqual(['smtp.internal:587']);
  });
});
