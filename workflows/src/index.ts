export { smokeWorkflow, type SmokeWorkflowInput } from './smoke-workflow';
