import {
  aiAgentAction,
  aiAgentResumeAction,
  type AgentResumeInput,
  type AgentStepInput,
} from '../../ai/agent/ai-agent-action';
import type { ActionTools } from './action-tools';

/** Runs the agent chain until it finishes or waits for approval (see ai/agent). */
export const aiAgent = (tools: ActionTools) => (input: AgentStepInput) => aiAgentAction(input, tools.agent);

/** Resumes a chain waiting for approval with the decision; an approved draft is sent once. */
export const aiAgentResume = (tools: ActionTools) => (input: AgentResumeInput) =>
  aiAgentResumeAction(input, tools.agent);
