export { Messaging1764300700000 } from './migration';
export * from './messages-repository';
export * from './mailboxes-repository';
export * from './suppressions';
export * from './sink-messages';
