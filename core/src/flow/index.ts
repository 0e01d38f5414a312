// The flow model's public surface: schemas and types for definitions, node kind metadata,
// and the validator that save and publish call.
export * from './condition';
export * from './primitives';
export * from './node-shape';
export * from './kinds/schemas';
export * from './node-kinds';
export * from './flow-settings';
export * from './reply-triage-settings';
export * from './reply-triage-defaults';
export * from './flow-definition';
export * from './flow-errors';
export * from './field-references';
export * from './flow-limits';
export * from './kinds/ai-agent/agent-tools';
export * from './flow-warnings';
export { validateFlowDefinition, type ValidateFlowOptions, type FlowValidationResult } from './validate-flow';
export * from './runtime';
