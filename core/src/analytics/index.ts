export * from './two-proportion-z-test';
export * from './day-buckets';
export * from './analytics-records';
