import { Client, type ClientOptions } from '@temporalio/client';
import type { PayloadKeySource } from '@cadenza/core';
import { cadenzaDataConverter } from './cadenza-data-converter';

export interface CadenzaClientOptions {
  connection: NonNullable<ClientOptions['connection']>;
  namespace: string;
  /** The data keys payloads are encrypted with (a PayloadKeyRing over the database). */
  payloadKeys: PayloadKeySource;
  interceptors?: ClientOptions['interceptors'];
}

/**
 * The only way Cadenza makes a Temporal client (ESLint forbids `new Client` elsewhere): every
 * workflow input, signal, memo and query it sends is encrypted, every answer decrypted.
 */
export function cadenzaClient(options: CadenzaClientOptions): Client {
  return new Client({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: cadenzaDataConverter(options.payloadKeys),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
}
