import { ConfigError, parseEgressAllowEntry, type EgressAllowList, type PayloadKeysEnv } from '@cadenza/core';
import { createEgressGuard } from '../net';
import { GCP_METADATA_ALLOW_ENTRY } from './gcp-access-token';
import { createGcpKmsKeyWrapper } from './gcp-kms-key-wrapper';
import type { KeyWrapper } from './key-wrapper';
import { keyWrapperChain } from './key-wrapper-chain';
import { createLocalKeyWrapper } from './local-key-wrapper';

export interface KeyWrapperDeps {
  /** The deployment key (`secretKeyFrom` of @cadenza/data): null in development without one. */
  secretKey: Buffer | null;
  /** The process's parsed CADENZA_EGRESS_ALLOW (`EgressGuard.allow`), for a KMS endpoint on a private address. */
  egressAllow: EgressAllowList;
}

/**
 * The process's key-encryption key, once at boot: Cloud KMS when CADENZA_KMS_KEY_NAME is set
 * (still opening keys the local KEK wrapped before the switch, when the secret key is there),
 * otherwise the local KEK from CADENZA_SECRET_KEY, otherwise a ConfigError naming both.
 *
 * KMS calls go through a guard of their own: the process's allow list plus the metadata server
 * (169.254.169.254:80), which only this guard may reach. Putting it in CADENZA_EGRESS_ALLOW
 * instead would let any flow's http_request step fetch the token that decrypts every data key.
 */
export function keyWrapperFromConfig(parsed: PayloadKeysEnv, deps: KeyWrapperDeps, scope: string): KeyWrapper {
  const local = deps.secretKey ? createLocalKeyWrapper(deps.secretKey) : null;
  if (parsed.CADENZA_KMS_KEY_NAME) {
    const guard = createEgressGuard([...deps.egressAllow, parseEgressAllowEntry(GCP_METADATA_ALLOW_ENTRY)]);
    const kms = createGcpKmsKeyWrapper({
      keyName: parsed.CADENZA_KMS_KEY_NAME,
      endpoint: parsed.CADENZA_KMS_ENDPOINT,
      fetch: guard.fetch,
    });
    return local ? keyWrapperChain(kms, local) : kms;
  }
  if (local) return local;
  throw new ConfigError(scope, [
    'CADENZA_KMS_KEY_NAME or CADENZA_SECRET_KEY: payload encryption needs a key-encryption key: a Cloud KMS key (CADENZA_KMS_KEY_NAME) or the deployment key (CADENZA_SECRET_KEY, 32 bytes: openssl rand -hex 32)',
  ]);
}
