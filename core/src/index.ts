export * from './errors';
export * from './env-config';
export * from './run-search-attributes';
export * from './readiness';
export * from './smoke-run';
export * from './api-error';
export * from './temporal-links';
export * from './with-timeout';
