import { randomBytes } from 'node:crypto';
import { allowEgressTo, harnessEgress } from '@cadenza/test-harness/egress-allow';
import { createEgressGuard } from '../net';
import { metadataServerTokenSource } from './gcp-access-token';
import { startGcpKmsDouble, type GcpKmsDouble } from './gcp-kms-double.test-support';
import { createGcpKmsKeyWrapper, KMS_DATA_KEY_AAD } from './gcp-kms-key-wrapper';
import { crc32c } from './crc32c';

const KEY = 'projects/acme-prod/locations/europe-west1/keyRings/cadenza-payloads/cryptoKeys/payload-kek';

/** The KMS key wrapper against a local server speaking the metadata server's and Cloud KMS's wire formats. */
describe('createGcpKmsKeyWrapper', () => {
  let kms: GcpKmsDouble;
  let clock = 0;
  beforeAll(async () => {
    kms = await startGcpKmsDouble(KEY);
    allowEgressTo(kms.port);
  });
  afterAll(() => kms.close());
  beforeEach(() => {
    kms.seen.length = 0;
    kms.intercept(undefined);
    kms.setTokenLifetime(3599);
    clock = 1_000_000;
  });

  const build = (fetch = harnessEgress.fetch) =>
    createGcpKmsKeyWrapper({
      keyName: KEY,
      endpoint: `${kms.baseUrl}/`,
      fetch,
      tokens: metadataServerTokenSource({ fetch, url: kms.metadataTokenUrl, now: () => clock }),
    });

  it('wraps with KMS encrypt and opens with decrypt, on the documented paths, fields and bearer token', async () => {
    const wrapper = build();
    expect(wrapper.kekId).toBe(`gcp-kms:${KEY}`);
    const dataKey = randomBytes(32);
    const wrapped = await wrapper.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(await wrapper.unwrap(wrapped, wrapper.kekId)).toEqual(dataKey);

    const [tokenCall] = kms.tokenCalls();
    expect(tokenCall!.method).toBe('GET');
    expect(tokenCall!.headers['metadata-flavor']).toBe('Google');
    const [encrypt, decrypt] = kms.kmsCalls();
    expect(encrypt!.url).toBe(`/v1/${KEY}:encrypt`);
    expect(decrypt!.url).toBe(`/v1/${KEY}:decrypt`);
    for (const call of [encrypt!, decrypt!]) {
      expect(call.method).toBe('POST');
      expect(call.headers.authorization).toBe(`Bearer ${kms.issuedTokens.at(-1)}`);
      expect(call.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(encrypt!.body)).toEqual({
      plaintext: dataKey.toString('base64'),
      additionalAuthenticatedData: KMS_DATA_KEY_AAD.toString('base64'),
      plaintextCrc32c: String(crc32c(dataKey)),
      additionalAuthenticatedDataCrc32c: String(crc32c(KMS_DATA_KEY_AAD)),
    });
    expect(JSON.parse(decrypt!.body)).toEqual({
      ciphertext: wrapped.toString('base64'),
      additionalAuthenticatedData: KMS_DATA_KEY_AAD.toString('base64'),
      ciphertextCrc32c: String(crc32c(wrapped)),
      additionalAuthenticatedDataCrc32c: String(crc32c(KMS_DATA_KEY_AAD)),
    });
  });

  it('keeps one token until shortly before it expires, then fetches a new one', async () => {
    kms.setTokenLifetime(3600);
    const wrapper = build();
    await Promise.all([wrapper.wrap(randomBytes(32)), wrapper.wrap(randomBytes(32))]);
    clock += 54 * 60_000;
    await wrapper.wrap(randomBytes(32));
    expect(kms.tokenCalls()).toHaveLength(1);

    // 56 minutes in: within five minutes of expiry, so the token is replaced before KMS sees it expire.
    clock += 2 * 60_000;
    kms.revokeTokens();
    await wrapper.wrap(randomBytes(32));
    expect(kms.tokenCalls()).toHaveLength(2);
    const [first, second] = kms.issuedTokens.slice(-2);
    expect(kms.kmsCalls().map((call) => call.headers.authorization)).toEqual([
      `Bearer ${first}`,
      `Bearer ${first}`,
      `Bearer ${first}`,
      `Bearer ${second}`,
    ]);
  });

  it('fetches a new token once when KMS answers 401 before the expiry it was told', async () => {
    const wrapper = build();
    await wrapper.wrap(randomBytes(32));
    kms.revokeTokens();
    const dataKey = randomBytes(32);
    expect(await wrapper.unwrap(await wrapper.wrap(dataKey), wrapper.kekId)).toEqual(dataKey);
    expect(kms.tokenCalls()).toHaveLength(2);

    // A token refused twice in a row is not retried forever: the second 401 is the error.
    kms.intercept((req, res) => {
      if (!req.url.startsWith('/v1/')) return false;
      res.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
        }),
      );
      return true;
    });
    await expect(wrapper.wrap(randomBytes(32))).rejects.toThrow(
      `gcp-kms:${KEY}: Cloud KMS encrypt answered 401 UNAUTHENTICATED: Request had invalid authentication credentials.`,
    );
  });

  it('keeps older wrapped keys readable after a rotation, until their version is disabled', async () => {
    const wrapper = build();
    const before = randomBytes(32);
    const wrappedBefore = await wrapper.wrap(before);
    kms.rotate();
    const after = randomBytes(32);
    const wrappedAfter = await wrapper.wrap(after);
    expect(await wrapper.unwrap(wrappedBefore, wrapper.kekId)).toEqual(before);
    expect(await wrapper.unwrap(wrappedAfter, wrapper.kekId)).toEqual(after);

    kms.disableVersion(1);
    await expect(wrapper.unwrap(wrappedBefore, wrapper.kekId)).rejects.toMatchObject({
      name: 'KeyWrapperError',
      retryable: false,
      message: `gcp-kms:${KEY}: Cloud KMS decrypt answered 400 FAILED_PRECONDITION: ${KEY}/cryptoKeyVersions/1 is not enabled, current state is: DISABLED.`,
    });
    expect(await wrapper.unwrap(wrappedAfter, wrapper.kekId)).toEqual(after);
  });

  it("surfaces KMS's status and message, without the token or the data key", async () => {
    const wrapper = build();
    const dataKey = randomBytes(32);
    kms.intercept((req, res) => {
      if (!req.url.startsWith('/v1/')) return false;
      const echoed = `${req.headers.authorization} ${JSON.parse(req.body).plaintext}`;
      res.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: {
            code: 403,
            message: `Permission 'cloudkms.cryptoKeyVersions.useToEncrypt' denied on resource (or it may not exist). ${echoed}`,
            status: 'PERMISSION_DENIED',
          },
        }),
      );
      return true;
    });
    const error = await wrapper.wrap(dataKey).catch((caught: Error) => caught);
    expect(error).toMatchObject({ name: 'KeyWrapperError', kekId: `gcp-kms:${KEY}`, retryable: false });
    expect((error as Error).message).toContain(
      "Cloud KMS encrypt answered 403 PERMISSION_DENIED: Permission 'cloudkms.cryptoKeyVersions.useToEncrypt' denied",
    );
    expect((error as Error).message).not.toContain('ya29.double');
    expect((error as Error).message).not.toContain(dataKey.toString('base64'));

    kms.intercept((req, res) => {
      if (!req.url.startsWith('/v1/')) return false;
      res.writeHead(503, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
        }),
      );
      return true;
    });
    await expect(wrapper.wrap(dataKey)).rejects.toMatchObject({
      retryable: true,
      message: `gcp-kms:${KEY}: Cloud KMS encrypt answered 503 UNAVAILABLE: The service is currently unavailable.`,
    });
  });

  it('refuses altered ciphertext (KMS says so) and keys of another KEK (without asking KMS)', async () => {
    const wrapper = build();
    const wrapped = await wrapper.wrap(randomBytes(32));
    const altered = Buffer.from(wrapped);
    altered[20]! ^= 0x01;
    await expect(wrapper.unwrap(altered, wrapper.kekId)).rejects.toThrow(
      "Cloud KMS decrypt answered 400 INVALID_ARGUMENT: Decryption failed: verify that 'name' refers to the correct CryptoKey.",
    );
    const calls = kms.kmsCalls().length;
    await expect(wrapper.unwrap(wrapped, 'local:0123456789abcdef')).rejects.toThrow(
      `data key wrapped by KEK local:0123456789abcdef cannot be opened with gcp-kms:${KEY}`,
    );
    expect(kms.kmsCalls()).toHaveLength(calls);
  });

  it('refuses answers that fail their checksums, or come from another key', async () => {
    const wrapper = build();
    const wrapped = await wrapper.wrap(randomBytes(32));
    kms.intercept((req, res) => {
      if (!req.url.endsWith(':decrypt')) return false;
      const plaintext = randomBytes(32);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ plaintext: plaintext.toString('base64'), plaintextCrc32c: String(crc32c(plaintext) ^ 1) }),
        );
      return true;
    });
    await expect(wrapper.unwrap(wrapped, wrapper.kekId)).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining('Cloud KMS decrypt answered a plaintext that fails its checksum'),
    });
    kms.intercept((req, res) => {
      if (!req.url.endsWith(':encrypt')) return false;
      const ciphertext = randomBytes(60);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          name: `${KEY}-old/cryptoKeyVersions/1`,
          ciphertext: ciphertext.toString('base64'),
          ciphertextCrc32c: String(crc32c(ciphertext)),
          verifiedPlaintextCrc32c: true,
          verifiedAdditionalAuthenticatedDataCrc32c: true,
        }),
      );
      return true;
    });
    await expect(wrapper.wrap(randomBytes(32))).rejects.toThrow('not a version of this key');
  });

  it('names what failed at the metadata server', async () => {
    kms.intercept((req, res) => {
      if (req.url.startsWith('/v1/')) return false;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found: no service account for this pod');
      return true;
    });
    await expect(build().wrap(randomBytes(32))).rejects.toMatchObject({
      retryable: true,
      message: `gcp-kms:${KEY}: no access token for Cloud KMS: the metadata server answered 404: Not Found: no service account for this pod`,
    });
    kms.intercept((req, res) => {
      if (req.url.startsWith('/v1/')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"x","expires_in":3600}');
      return true;
    });
    await expect(build().wrap(randomBytes(32))).rejects.toThrow('answered without "Metadata-Flavor: Google"');
    expect(kms.kmsCalls()).toHaveLength(0);
  });

  it('goes through the egress guard it is given: a guard without the exception refuses loopback', async () => {
    const closed = createEgressGuard([]);
    await expect(build(closed.fetch).wrap(randomBytes(32))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('egress refused: 127.0.0.1 is a loopback address'),
    });
    expect(kms.seen).toHaveLength(0);
  });
});
