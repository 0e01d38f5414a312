// Environment variables shared by several processes, each declared once; every process's
// config (api/src/config.ts, workers/src/config.ts, scripts/launcher-config.ts) is composed of them.
export * from './database-env';
export * from './log-env';
export * from './redis-env';
export * from './temporal-env';
export * from './secret-key-env';
export * from './payload-keys-env';
