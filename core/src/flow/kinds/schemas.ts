// Every node kind's settings schema, one folder per kind (kinds/<kind>/settings.ts). A kind
// exists once it is listed here; the mapped registries over its type then make the compiler
// ask for the rest (docs/ARCHITECTURE.md, "Adding a node kind").

import { manualTriggerSchema } from './manual/settings';
import { apiCallTriggerSchema } from './api-call/settings';
import { contactCreatedTriggerSchema } from './contact-created/settings';
import { contactUpdatedTriggerSchema } from './contact-updated/settings';
import { dealStageChangedTriggerSchema } from './deal-stage-changed/settings';
import { webhookReceivedTriggerSchema } from './webhook-received/settings';
import { scheduleTriggerSchema } from './schedule/settings';
import { sendEmailSchema } from './send-email/settings';
import { sendSmsSchema } from './send-sms/settings';
import { notifySlackSchema } from './notify-slack/settings';
import { createTaskSchema } from './create-task/settings';
import { updateFieldSchema } from './update-field/settings';
import { addTagSchema } from './add-tag/settings';
import { removeTagSchema } from './remove-tag/settings';
import { httpRequestSchema } from './http-request/settings';
import { enrollInFlowSchema } from './enroll-in-flow/settings';
import { llmGenerateSchema } from './llm-generate/settings';
import { aiAgentSchema } from './ai-agent/settings';
import { scoreLeadSchema } from './score-lead/settings';
import { aiSummarizeTimelineSchema } from './ai-summarize-timeline/settings';
import { aiExtractFieldsSchema } from './ai-extract-fields/settings';
import { waitSchema } from './wait/settings';
import { waitForEventSchema } from './wait-for-event/settings';
import { branchSchema } from './branch/settings';
import { abSplitSchema } from './ab-split/settings';
import { goalSchema } from './goal/settings';
import { exitSchema } from './exit/settings';

export { manualTriggerSchema } from './manual/settings';
export { apiCallTriggerSchema } from './api-call/settings';
export { contactCreatedTriggerSchema } from './contact-created/settings';
export { contactUpdatedTriggerSchema } from './contact-updated/settings';
export { dealStageChangedTriggerSchema } from './deal-stage-changed/settings';
export { webhookReceivedTriggerSchema } from './webhook-received/settings';
export { scheduleTriggerSchema } from './schedule/settings';
export { sendEmailSchema } from './send-email/settings';
export { sendSmsSchema } from './send-sms/settings';
export { notifySlackSchema } from './notify-slack/settings';
export { createTaskSchema } from './create-task/settings';
export { updateFieldSchema } from './update-field/settings';
export { addTagSchema } from './add-tag/settings';
export { removeTagSchema } from './remove-tag/settings';
export { httpRequestSchema } from './http-request/settings';
export { enrollInFlowSchema } from './enroll-in-flow/settings';
export { llmGenerateSchema } from './llm-generate/settings';
export { aiAgentSchema } from './ai-agent/settings';
export { scoreLeadSchema } from './score-lead/settings';
export { aiSummarizeTimelineSchema } from './ai-summarize-timeline/settings';
export { aiExtractFieldsSchema } from './ai-extract-fields/settings';
export { waitSchema } from './wait/settings';
export { waitForEventSchema } from './wait-for-event/settings';
export { branchSchema } from './branch/settings';
export { abSplitSchema } from './ab-split/settings';
export { goalSchema } from './goal/settings';
export { exitSchema } from './exit/settings';
export { extractedFieldSchema } from './ai-extract-fields/settings';

/** What enrolls a contact: a flow has exactly one, stored as `definition.trigger`. */
export const TRIGGER_NODE_SCHEMAS = [
  manualTriggerSchema,
  apiCallTriggerSchema,
  contactCreatedTriggerSchema,
  contactUpdatedTriggerSchema,
  dealStageChangedTriggerSchema,
  webhookReceivedTriggerSchema,
  scheduleTriggerSchema,
] as const;

/** One side effect each, performed by its activity (activities/src/flow/actions). */
export const ACTION_NODE_SCHEMAS = [
  sendEmailSchema,
  sendSmsSchema,
  notifySlackSchema,
  createTaskSchema,
  updateFieldSchema,
  addTagSchema,
  removeTagSchema,
  httpRequestSchema,
  enrollInFlowSchema,
  llmGenerateSchema,
  aiAgentSchema,
  scoreLeadSchema,
  aiSummarizeTimelineSchema,
  aiExtractFieldsSchema,
] as const;

/** They route or pause a run and have no side effect of their own. */
export const CONTROL_NODE_SCHEMAS = [
  waitSchema,
  waitForEventSchema,
  branchSchema,
  abSplitSchema,
  goalSchema,
  exitSchema,
] as const;
