export { appendDomainEvents, listDomainEventsAfter } from './domain-events';
export { DomainEventLog1764300150000 } from './migration';
export { latestEventSeq } from './event-head';
export { eventChannel, tenantOfChannel } from './event-channel';
export { EventPublisher, commitAndPublish, type AppendEvents } from './event-publisher';
export { pruneDomainEvents, type PruneOptions } from './prune-domain-events';
export { createEventRetentionActivities, type PruneEventLogInput } from './retention-activities';
export { startEventRelay, parseAppendNotice, type EventRelay } from './event-relay';
