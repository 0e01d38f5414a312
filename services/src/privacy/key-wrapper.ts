/**
 * Wraps the data keys that encrypt Temporal payloads (envelope encryption). The data keys are
 * stored wrapped beside the data they protect; only the key-encryption key (KEK) can open them:
 * the deployment's CADENZA_SECRET_KEY in development, a key management service in production.
 */
export interface KeyWrapper {
  /**
   * Names the key-encryption key that wraps new data keys; stored beside each wrapped key, so
   * keys wrapped by an earlier KEK (before a switch to KMS, say) still open.
   */
  readonly kekId: string;
  wrap(dataKey: Buffer): Promise<Buffer>;
  /** Opens a data key wrapped by the KEK named `kekId`; throws naming the KEK when this wrapper cannot. */
  unwrap(wrapped: Buffer, kekId: string): Promise<Buffer>;
}
