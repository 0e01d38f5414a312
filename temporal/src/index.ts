export { temporalBinaries, assertBinaryExists, REPO_ROOT, type TemporalBinaries } from './binaries';
export { devServerArgs, type DevServerOptions } from './dev-server-args';
export { ensureSearchAttributes, missingSearchAttributes } from './search-attributes';
export { runSearchAttributeKeys } from './search-attribute-keys';
export {
  temporalConnectionOptions,
  type TemporalConnectionOptions,
  type TemporalTlsOptions,
} from './connection-options';
export { startTracing, tracingFromEnv, type Tracing } from './tracing/tracing';
export { clientTracingInterceptors, workerTracing } from './tracing/temporal-tracing';
export * from './payload-codec';
