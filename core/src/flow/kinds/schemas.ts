// Every node kind's settings schema, one folder per kind (kinds/<kind>/settings.ts). A kind
// exists once it is listed here; the mapped registries over its type then make the compiler
// ask for the rest (docs/ARCHITECTURE.md, "Adding a node kind").

import { ManualTriggerSchema } from './manual/settings';
import { ApiCallTriggerSchema } from './api-call/settings';
import { ContactCreatedTriggerSchema } from './contact-created/settings';
import { ContactUpdatedTriggerSchema } from './contact-updated/settings';
import { DealStageChangedTriggerSchema } from './deal-stage-changed/settings';
import { WebhookReceivedTriggerSchema } from './webhook-received/settings';
import { ScheduleTriggerSchema } from './schedule/settings';
import { SendEmailSchema } from './send-email/settings';
import { SendSmsSchema } from './send-sms/settings';
import { NotifySlackSchema } from './notify-slack/settings';
import { CreateTaskSchema } from './create-task/settings';
import { UpdateFieldSchema } from './update-field/settings';
import { AddTagSchema } from './add-tag/settings';
import { RemoveTagSchema } from './remove-tag/settings';
import { HttpRequestSchema } from './http-request/settings';
import { EnrollInFlowSchema } from './enroll-in-flow/settings';
import { LlmGenerateSchema } from './llm-generate/settings';
import { AiAgentSchema } from './ai-agent/settings';
import { ScoreLeadSchema } from './score-lead/settings';
import { AiSummarizeTimelineSchema } from './ai-summarize-timeline/settings';
import { AiExtractFieldsSchema } from './ai-extract-fields/settings';
import { TriageReplySchema } from './triage-reply/settings';
import { WaitSchema } from './wait/settings';
import { WaitForEventSchema } from './wait-for-event/settings';
import { BranchSchema } from './branch/settings';
import { AbSplitSchema } from './ab-split/settings';
import { GoalSchema } from './goal/settings';
import { ExitSchema } from './exit/settings';

export { ManualTriggerSchema } from './manual/settings';
export { ApiCallTriggerSchema } from './api-call/settings';
export { ContactCreatedTriggerSchema } from './contact-created/settings';
export { ContactUpdatedTriggerSchema } from './contact-updated/settings';
export { DealStageChangedTriggerSchema } from './deal-stage-changed/settings';
export { WebhookReceivedTriggerSchema } from './webhook-received/settings';
export { ScheduleTriggerSchema } from './schedule/settings';
export { SendEmailSchema } from './send-email/settings';
export { SendSmsSchema } from './send-sms/settings';
export { NotifySlackSchema } from './notify-slack/settings';
export { CreateTaskSchema } from './create-task/settings';
export { UpdateFieldSchema } from './update-field/settings';
export { AddTagSchema } from './add-tag/settings';
export { RemoveTagSchema } from './remove-tag/settings';
export { HttpRequestSchema } from './http-request/settings';
export { EnrollInFlowSchema } from './enroll-in-flow/settings';
export { LlmGenerateSchema } from './llm-generate/settings';
export { AiAgentSchema } from './ai-agent/settings';
export { ScoreLeadSchema } from './score-lead/settings';
export { AiSummarizeTimelineSchema } from './ai-summarize-timeline/settings';
export { AiExtractFieldsSchema } from './ai-extract-fields/settings';
export { TriageReplySchema } from './triage-reply/settings';
export { WaitSchema } from './wait/settings';
export { WaitForEventSchema } from './wait-for-event/settings';
export { BranchSchema } from './branch/settings';
export { AbSplitSchema } from './ab-split/settings';
export { GoalSchema } from './goal/settings';
export { ExitSchema } from './exit/settings';
export { ExtractedFieldSchema } from './ai-extract-fields/settings';

/** What enrolls a contact: a flow has exactly one, stored as `definition.trigger`. */
export const TRIGGER_NODE_SCHEMAS = [
  ManualTriggerSchema,
  ApiCallTriggerSchema,
  ContactCreatedTriggerSchema,
  ContactUpdatedTriggerSchema,
  DealStageChangedTriggerSchema,
  WebhookReceivedTriggerSchema,
  ScheduleTriggerSchema,
] as const;

/** One side effect each, performed by its activity (activities/src/flow/actions). */
export const ACTION_NODE_SCHEMAS = [
  SendEmailSchema,
  SendSmsSchema,
  NotifySlackSchema,
  CreateTaskSchema,
  UpdateFieldSchema,
  AddTagSchema,
  RemoveTagSchema,
  HttpRequestSchema,
  EnrollInFlowSchema,
  LlmGenerateSchema,
  AiAgentSchema,
  ScoreLeadSchema,
  AiSummarizeTimelineSchema,
  AiExtractFieldsSchema,
  TriageReplySchema,
] as const;

/** They route or pause a run and have no side effect of their own. */
export const CONTROL_NODE_SCHEMAS = [
  WaitSchema,
  WaitForEventSchema,
  BranchSchema,
  AbSplitSchema,
  GoalSchema,
  ExitSchema,
] as const;
