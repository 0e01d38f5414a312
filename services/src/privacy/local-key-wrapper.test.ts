import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createLocalKeyWrapper, LOCAL_KEK_INFO } from './local-key-wrapper';
import { KeyWrapperError } from './key-wrapper-error';

const secretKey = Buffer.from('5f0e3c1a9b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f', 'hex');

describe('createLocalKeyWrapper', () => {
  it('wraps and unwraps a data key; each wrap is fresh', async () => {
    const wrapper = createLocalKeyWrapper(secretKey);
    const dataKey = randomBytes(32);
    const wrapped = await wrapper.wrap(dataKey);
    expect(wrapped).toHaveLength(1 + 12 + 32 + 16);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(await wrapper.unwrap(wrapped, wrapper.kekId)).toEqual(dataKey);
    expect(await wrapper.wrap(dataKey)).not.toEqual(wrapped);
    // A wrapper built again from the same secret key (another process, a restart) opens it too.
    expect(await createLocalKeyWrapper(Buffer.from(secretKey)).unwrap(wrapped, wrapper.kekId)).toEqual(dataKey);
  });

  it('names the KEK by a fingerprint of the HKDF-derived KEK, not of the secret key', () => {
    const { kekId } = createLocalKeyWrapper(secretKey);
    expect(kekId).toMatch(/^local:[0-9a-f]{16}$/);
    const kek = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), LOCAL_KEK_INFO, 32));
    const ofSecret = createHash('sha256').update(secretKey).digest('hex');
    expect(ofSecret).not.toContain(kekId.slice('local:'.length));
    expect(kek.toString('hex')).not.toContain(kekId.slice('local:'.length));
    expect(createLocalKeyWrapper(randomBytes(32)).kekId).not.toBe(kekId);
  });

  it('refuses a key wrapped by another KEK, naming both', async () => {
    const other = createLocalKeyWrapper(randomBytes(32));
    const wrapped = await other.wrap(randomBytes(32));
    const wrapper = createLocalKeyWrapper(secretKey);
    await expect(wrapper.unwrap(wrapped, other.kekId)).rejects.toThrow(
      new KeyWrapperError(
        `data key wrapped by KEK ${other.kekId} cannot be opened with ${wrapper.kekId} (a different CADENZA_SECRET_KEY, or a KMS key)`,
        other.kekId,
        false,
      ),
    );
    // Claiming this wrapper's id for bytes another KEK sealed fails authentication, never yields garbage.
    await expect(wrapper.unwrap(wrapped, wrapper.kekId)).rejects.toThrow(
      `${wrapper.kekId}: wrapped data key failed authentication (altered bytes)`,
    );
  });

  it('refuses tampered bytes and unknown formats', async () => {
    const wrapper = createLocalKeyWrapper(secretKey);
    const wrapped = await wrapper.wrap(randomBytes(32));
    for (const index of [5, 20, wrapped.length - 1]) {
      const tampered = Buffer.from(wrapped);
      tampered[index]! ^= 0x01;
      await expect(wrapper.unwrap(tampered, wrapper.kekId)).rejects.toMatchObject({
        name: 'KeyWrapperError',
        retryable: false,
        message: expect.stringContaining('failed authentication'),
      });
    }
    await expect(wrapper.unwrap(wrapped.subarray(0, 40), wrapper.kekId)).rejects.toThrow('unknown format (40 bytes)');
    const otherVersion = Buffer.from(wrapped);
    otherVersion[0] = 0x02;
    await expect(wrapper.unwrap(otherVersion, wrapper.kekId)).rejects.toThrow('unknown format');
  });

  it('wraps only 32-byte data keys and needs a 32-byte secret key', async () => {
    await expect(createLocalKeyWrapper(secretKey).wrap(randomBytes(16))).rejects.toThrow(
      'a data key is 32 bytes, got 16',
    );
    expect(() => createLocalKeyWrapper(randomBytes(31))).toThrow('needs a 32-byte secret key, got 31 bytes');
  });
});
