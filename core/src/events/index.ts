export * from './domain-event';
export * from './live-protocol';
export * from './live-rooms';
export * from './event-owned-record';
