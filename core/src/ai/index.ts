export * from './ai-config';
export * from './structured-outputs';
