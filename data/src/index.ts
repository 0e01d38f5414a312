export { createDataSource, ENTITIES, MIGRATIONS, type DataSourceOptions } from './data-source';
export { runMigrations } from './migrate';
export { createApiKey, registerApiKey, findApiKeyGrant, hashApiKeySecret, generateApiKeySecret } from './api-keys';
export { createTenant, ensureTenant } from './tenants';
export { recordSmokeRun, findSmokeRun } from './smoke-runs';
export type { Tenant } from './entities/tenant';
export type { DataSource } from 'typeorm';
export * from './auth';
export {
  appendDomainEvents,
  recordDomainEvents,
  listDomainEventsAfter,
  latestEventSeq,
  loadRecordOwners,
  eventChannel,
  tenantOfChannel,
  EventPublisher,
  commitAndPublish,
  startEventRelay,
  parseAppendNotice,
  type EventRelay,
  pruneDomainEvents,
  type AppendEvents,
} from './events';
export * from './flows';
export * from './crm';
export * from './audit';
export * from './contact-workspace';
export * from './crm-import';
export * from './crm-gdpr';
export * from './messaging';
export { flowFunnel, flowAbTests, repActivity } from './analytics';
export * from './ai';
export * from './privacy';
export * from './knowledge';
