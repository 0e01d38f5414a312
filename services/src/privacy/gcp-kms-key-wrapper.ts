import { DEFAULT_KMS_ENDPOINT, kmsKeyNameProblem } from '@cadenza/core';
import { egressRefusalIn, type EgressFetch } from '../net';
import { crc32c } from './crc32c';
import { metadataServerTokenSource, type AccessTokenSource } from './gcp-access-token';
import type { KeyWrapper } from './key-wrapper';
import { KeyWrapperError } from './key-wrapper-error';

/**
 * Authenticated with every wrapped key, so a ciphertext of the same KMS key made for another
 * purpose does not open as a data key. Part of the stored format: never changes (a `gcloud kms
 * decrypt` by hand needs it as --additional-authenticated-data-file).
 */
export const KMS_DATA_KEY_AAD = Buffer.from('cadenza payload data key v1');

const TIMEOUT_MS = 10_000;

export interface GcpKmsKeyWrapperOptions {
  /** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>: the key, never a version, so rotation applies. */
  keyName: string;
  /** Base URL of the KMS REST API. */
  endpoint?: string;
  /** The egress guard's fetch, for KMS and (by default) the metadata server. */
  fetch: EgressFetch;
  /** Where bearer tokens come from; the GKE/GCE metadata server unless given. */
  tokens?: AccessTokenSource;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sameCrc = (field: unknown, bytes: Uint8Array) => field !== undefined && String(field) === String(crc32c(bytes));

/** KMS's own error text (`{"error":{"status","message"}}`), with anything we sent cut out. */
async function kmsErrorOf(response: Response, secrets: string[]): Promise<string> {
  const text = await response.text();
  let message = text.trim().slice(0, 500) || '(empty body)';
  try {
    const { error } = JSON.parse(text) as { error?: { status?: string; message?: string } };
    if (error?.message) message = error.status ? `${error.status}: ${error.message}` : error.message;
  } catch {
    // Not JSON (a proxy's error page): its text as it came.
  }
  return secrets.reduce((redacted, secret) => (secret ? redacted.split(secret).join('[redacted]') : redacted), message);
}

/**
 * The production key-encryption key: a Cloud KMS symmetric key over its REST API. KMS keeps
 * the key versions: encrypt uses the primary version and decrypt finds the version inside the
 * ciphertext, so after an automatic rotation new keys are wrapped by the new version while
 * older wrapped keys still open (as long as their version is enabled). Requests carry CRC32C
 * checksums both ways; an answer that fails them is refused.
 */
export function createGcpKmsKeyWrapper(options: GcpKmsKeyWrapperOptions): KeyWrapper {
  const { keyName, fetch } = options;
  const problem = kmsKeyNameProblem(keyName);
  if (problem) throw new Error(`Cloud KMS key "${keyName}" ${problem}`);
  const endpoint = (options.endpoint ?? DEFAULT_KMS_ENDPOINT).replace(/\/+$/, '');
  const tokens = options.tokens ?? metadataServerTokenSource({ fetch });
  const kekId = `gcp-kms:${keyName}`;
  const fail = (message: string, retryable: boolean) => new KeyWrapperError(`${kekId}: ${message}`, kekId, retryable);

  /** One KMS call; a 401 is retried once with a fresh token. `sent` are values to keep out of errors. */
  async function call(method: 'encrypt' | 'decrypt', body: object, sent: string[]): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      let token: string;
      try {
        token = await tokens.token();
      } catch (error) {
        throw fail(`no access token for Cloud KMS: ${(error as Error).message}`, egressRefusalIn(error) === null);
      }
      let response: Response;
      try {
        response = await fetch(`${endpoint}/v1/${keyName}:${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
          maxRedirects: 0,
        });
      } catch (error) {
        const refused = egressRefusalIn(error);
        const reason = refused?.message ?? (error as Error).message;
        throw fail(`Cloud KMS ${method} could not reach ${endpoint}: ${reason}`, refused === null);
      }
      if (response.status === 401 && attempt === 1) {
        await response.body?.cancel();
        tokens.invalidate(token);
        continue;
      }
      if (!response.ok) {
        const message = await kmsErrorOf(response, [token, ...sent]);
        const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
        throw fail(`Cloud KMS ${method} answered ${response.status} ${message}`, retryable);
      }
      const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (!answer || typeof answer !== 'object') throw fail(`Cloud KMS ${method} answered without a JSON body`, true);
      return answer;
    }
  }

  return {
    kekId,
    async wrap(dataKey) {
      if (dataKey.length !== 32) throw fail(`a data key is 32 bytes, got ${dataKey.length}`, false);
      const plaintext = base64(dataKey);
      const answer = await call(
        'encrypt',
        {
          plaintext,
          additionalAuthenticatedData: base64(KMS_DATA_KEY_AAD),
          plaintextCrc32c: String(crc32c(dataKey)),
          additionalAuthenticatedDataCrc32c: String(crc32c(KMS_DATA_KEY_AAD)),
        },
        [plaintext],
      );
      if (typeof answer.name !== 'string' || !answer.name.startsWith(`${keyName}/cryptoKeyVersions/`))
        throw fail(`Cloud KMS encrypt answered for "${String(answer.name)}", not a version of this key`, false);
      if (answer.verifiedPlaintextCrc32c !== true || answer.verifiedAdditionalAuthenticatedDataCrc32c !== true)
        throw fail('Cloud KMS encrypt did not verify the request checksums (corrupted in transit)', true);
      const ciphertext = Buffer.from(typeof answer.ciphertext === 'string' ? answer.ciphertext : '', 'base64');
      if (ciphertext.length === 0 || !sameCrc(answer.ciphertextCrc32c, ciphertext))
        throw fail('Cloud KMS encrypt answered a ciphertext that fails its checksum (corrupted in transit)', true);
      return ciphertext;
    },
    async unwrap(wrapped, wrappedBy) {
      if (wrappedBy !== kekId)
        throw new KeyWrapperError(
          `data key wrapped by KEK ${wrappedBy} cannot be opened with ${kekId}`,
          wrappedBy,
          false,
        );
      const answer = await call(
        'decrypt',
        {
          ciphertext: base64(wrapped),
          additionalAuthenticatedData: base64(KMS_DATA_KEY_AAD),
          ciphertextCrc32c: String(crc32c(wrapped)),
          additionalAuthenticatedDataCrc32c: String(crc32c(KMS_DATA_KEY_AAD)),
        },
        [],
      );
      const plaintext = Buffer.from(typeof answer.plaintext === 'string' ? answer.plaintext : '', 'base64');
      if (plaintext.length === 0 || !sameCrc(answer.plaintextCrc32c, plaintext))
        throw fail('Cloud KMS decrypt answered a plaintext that fails its checksum (corrupted in transit)', true);
      return plaintext;
    },
  };
}
