export {
  EncryptingPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  KEY_VERSION_METADATA,
  isEncryptedPayload,
  keyIdOfPayload,
} from './encrypting-payload-codec';
export { cadenzaDataConverter, FAILURE_CONVERTER_PATH } from './cadenza-data-converter';
export { cadenzaClient, type CadenzaClientOptions } from './cadenza-client';
