export { appendDomainEvents, listDomainEventsAfter } from './domain-events';
export { DomainEventLog1764300150000 } from './migration';
