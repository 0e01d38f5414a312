export * from './flow-records';
export * from './run-records';
export * from './flow-workflow-ids';
export * from './flow-signals';
