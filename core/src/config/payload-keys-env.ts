import { z } from 'zod';

/** Where Google Cloud KMS answers unless CADENZA_KMS_ENDPOINT names another (a private endpoint). */
export const DEFAULT_KMS_ENDPOINT = 'https://cloudkms.googleapis.com';

const KMS_KEY_NAME = /^projects\/[^/\s]+\/locations\/[a-z0-9-]+\/keyRings\/[\w-]{1,63}\/cryptoKeys\/[\w-]{1,63}$/;

/**
 * Why a CADENZA_KMS_KEY_NAME value is not a crypto key's resource name, or null when it is. A key
 * version is refused by name: KMS encrypts with the key's primary version, which is what lets
 * automatic rotation take effect; pinning one version would wrap with it forever.
 */
export function kmsKeyNameProblem(name: string): string | null {
  if (/\/cryptoKeyVersions\//.test(name))
    return 'names a key version; give the crypto key itself (drop /cryptoKeyVersions/<n>) so rotation takes effect';
  if (!KMS_KEY_NAME.test(name))
    return 'is not a Cloud KMS crypto key name (projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>)';
  return null;
}

/**
 * Why a CADENZA_KMS_ENDPOINT value cannot be used, or null. The endpoint receives the workload's
 * access token, so it must be https; plain http only to loopback (a local emulator).
 */
export function kmsEndpointProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL (e.g. https://cloudkms.googleapis.com)';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return 'must be https (it receives an access token); http only to loopback';
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    return 'must be a base URL without query, fragment or credentials';
  return null;
}

const refinedBy = (problem: (text: string) => string | null) => (text: string, context: z.RefinementCtx) => {
  const found = problem(text);
  if (found) context.addIssue({ code: 'custom', message: found });
};

/**
 * The key-encryption key (KEK) that wraps the data keys of Temporal payloads: Cloud KMS when
 * CADENZA_KMS_KEY_NAME is set, otherwise one derived from CADENZA_SECRET_KEY (development,
 * Compose). Read by every process that encrypts or decodes payloads (API, worker).
 */
export const PayloadKeysEnvSchema = z.object({
  CADENZA_KMS_KEY_NAME: z
    .string()
    .superRefine(refinedBy(kmsKeyNameProblem))
    .optional()
    .describe(
      'Cloud KMS crypto key that wraps payload data keys, projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key> (Terraform output kms_payload_key_name); unset: a key derived from CADENZA_SECRET_KEY',
    ),
  CADENZA_KMS_ENDPOINT: z
    .string()
    .superRefine(refinedBy(kmsEndpointProblem))
    .default(DEFAULT_KMS_ENDPOINT)
    .describe('Cloud KMS REST endpoint (https base URL); change only for a private endpoint'),
});

export type PayloadKeysEnv = z.infer<typeof PayloadKeysEnvSchema>;
