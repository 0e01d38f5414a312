export * from './ai-config';
export * from './structured-outputs';
export * from './agent-approval';
export * from './agent-approval-signal';
export * from './prompts-and-budgets';
export * from './lead-scoring';
export * from './lead-scoring-workflow-ids';
export * from './model-pricing';
