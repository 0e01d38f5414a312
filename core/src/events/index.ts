export * from './domain-event';
export * from './live-protocol';
export * from './live-rooms';
