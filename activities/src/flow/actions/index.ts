import type { ActionType } from '@cadenza/core';
import type { ActionInputOf, FlowActionResult } from '../flow-action-input';
import type { AgentResumeInput, AgentStepInput, AgentStepResult } from '../../ai/agent/ai-agent-action';
import { createActionTools, type FlowActionDependencies } from './action-tools';
import { addTag } from './add-tag';
import { aiAgent, aiAgentResume } from './ai-agent';
import { aiExtractFields } from './ai-extract-fields';
import { aiSummarizeTimeline } from './ai-summarize-timeline';
import { createTask } from './create-task';
import { enrollInFlow } from './enroll-in-flow';
import { httpRequest } from './http-request';
import { llmGenerate } from './llm-generate';
import { notifySlack } from './notify-slack';
import { removeTag } from './remove-tag';
import { scoreLead } from './score-lead';
import { sendEmail } from './send-email';
import { sendSms } from './send-sms';
import { triageReply } from './triage-reply';
import { updateField } from './update-field';

export type { FlowActionDependencies } from './action-tools';

/** `send_email` -> `SendEmail`. */
type Pascal<S extends string> = S extends `${infer Head}_${infer Rest}`
  ? `${Capitalize<Head>}${Pascal<Rest>}`
  : Capitalize<S>;

/**
 * The activity of an action kind is named after it: `send_email` is `flowSendEmail`. The names
 * are recorded in Temporal history, so they never change. The agent's step has its own shape
 * (it may wait for a human) and its own pair of activities.
 */
type ActionActivities = {
  [T in Exclude<ActionType, 'ai_agent'> as `flow${Pascal<T>}`]: (input: ActionInputOf<T>) => Promise<FlowActionResult>;
} & {
  flowAiAgent: (input: AgentStepInput) => Promise<AgentStepResult>;
  flowAiAgentResume: (input: AgentResumeInput) => Promise<AgentStepResult>;
};

/**
 * One activity per action kind, each in actions/<kind>.ts, performing its side effect at most
 * once per key; a test run captures what would have happened instead (status "captured"). The
 * `satisfies` makes the list exhaustive: an action kind without its activity fails to compile.
 */
export function createFlowActionActivities(deps: FlowActionDependencies) {
  const tools = createActionTools(deps);
  return {
    flowSendEmail: sendEmail(tools),
    flowSendSms: sendSms(tools),
    flowNotifySlack: notifySlack(tools),
    flowCreateTask: createTask(tools),
    flowUpdateField: updateField(tools),
    flowAddTag: addTag(tools),
    flowRemoveTag: removeTag(tools),
    flowHttpRequest: httpRequest(tools),
    flowEnrollInFlow: enrollInFlow(tools),
    flowLlmGenerate: llmGenerate(tools),
    flowScoreLead: scoreLead(tools),
    flowAiSummarizeTimeline: aiSummarizeTimeline(tools),
    flowAiExtractFields: aiExtractFields(tools),
    flowTriageReply: triageReply(tools),
    flowAiAgent: aiAgent(tools),
    flowAiAgentResume: aiAgentResume(tools),
  } satisfies ActionActivities;
}
