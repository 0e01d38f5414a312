export * from './message-records';
export * from './mailbox-records';
