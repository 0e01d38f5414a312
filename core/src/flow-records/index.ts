export * from './flow-records';
export * from './run-records';
export * from './flow-workflow-ids';
export * from './unenroll-reasons';
export * from './trigger-workflow-ids';
export * from './webhook-request';
