export * from './approvals-repository';
export * from './agent-steps';
export { AiAgents1764300900000, AGENT_CHECKPOINT_SCHEMA } from './agent-migration';
export { AiDraftReview1764301950000 } from './draft-review-migration';
export * from './token-budget';
export * from './prompts-repository';
export { AiPromptsAndBudgets1764300910000 } from './prompts-migration';
export * from './lead-scoring-repository';
export { LeadScoringModels1764301300000 } from './lead-scoring-migration';
