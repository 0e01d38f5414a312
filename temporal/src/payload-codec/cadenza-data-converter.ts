import type { DataConverter } from '@temporalio/common';
import type { PayloadKeySource } from '@cadenza/core';
import { EncryptingPayloadCodec } from './encrypting-payload-codec';

/** The failure converter's module, for the worker's bundler and the client's loader. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every Temporal client and worker of Cadenza (API, workers, launcher, demo,
 * test harness, benches): payloads are encrypted, failure messages and stack traces too.
 */
export function cadenzaDataConverter(keys: PayloadKeySource): DataConverter {
  return { payloadCodecs: [new EncryptingPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
