export * from './message-records';
export * from './messaging-env';
export * from './mailbox-records';
export * from './snippet-records';
export * from './mailbox-check';
export * from './provider-settings-records';
export * from './template-variable-catalogue';
export * from './send-limits';
