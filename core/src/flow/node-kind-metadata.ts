// The registry of node kind metadata: one line per kind, each kind's facts in kinds/<kind>/kind.ts.
// Plain data with no zod at run time, so the web app's palette, canvas and flow list and the
// workflow bundle load it without building any settings schema.
import type { NodeSettings, NodeType } from './node-kinds';
import type { NodeKindInfo, TriggerSource } from './kinds/kind-info';
import { manualKind } from './kinds/manual/kind';
import { apiCallKind } from './kinds/api-call/kind';
import { contactCreatedKind } from './kinds/contact-created/kind';
import { contactUpdatedKind } from './kinds/contact-updated/kind';
import { dealStageChangedKind } from './kinds/deal-stage-changed/kind';
import { webhookReceivedKind } from './kinds/webhook-received/kind';
import { scheduleKind } from './kinds/schedule/kind';
import { sendEmailKind } from './kinds/send-email/kind';
import { sendSmsKind } from './kinds/send-sms/kind';
import { notifySlackKind } from './kinds/notify-slack/kind';
import { createTaskKind } from './kinds/create-task/kind';
import { triageReplyKind } from './kinds/triage-reply/kind';
import { updateFieldKind } from './kinds/update-field/kind';
import { addTagKind } from './kinds/add-tag/kind';
import { removeTagKind } from './kinds/remove-tag/kind';
import { httpRequestKind } from './kinds/http-request/kind';
import { enrollInFlowKind } from './kinds/enroll-in-flow/kind';
import { llmGenerateKind } from './kinds/llm-generate/kind';
import { aiAgentKind } from './kinds/ai-agent/kind';
import { scoreLeadKind } from './kinds/score-lead/kind';
import { aiSummarizeTimelineKind } from './kinds/ai-summarize-timeline/kind';
import { aiExtractFieldsKind } from './kinds/ai-extract-fields/kind';
import { waitKind } from './kinds/wait/kind';
import { waitForEventKind } from './kinds/wait-for-event/kind';
import { branchKind } from './kinds/branch/kind';
import { abSplitKind } from './kinds/ab-split/kind';
import { goalKind } from './kinds/goal/kind';
import { exitKind } from './kinds/exit/kind';

export type { NodeCategory, NodeKindInfo, TriggerSource } from './kinds/kind-info';

/**
 * Metadata for every kind. The mapped type makes it exhaustive: a kind added to the schema lists
 * without an entry here fails to compile, as do the workflow, activity, trigger and web registries.
 */
export const NODE_KINDS: { readonly [T in NodeType]: NodeKindInfo<T> } = {
  manual: manualKind,
  api_call: apiCallKind,
  contact_created: contactCreatedKind,
  contact_updated: contactUpdatedKind,
  deal_stage_changed: dealStageChangedKind,
  webhook_received: webhookReceivedKind,
  schedule: scheduleKind,

  send_email: sendEmailKind,
  send_sms: sendSmsKind,
  notify_slack: notifySlackKind,
  create_task: createTaskKind,
  update_field: updateFieldKind,
  add_tag: addTagKind,
  remove_tag: removeTagKind,
  http_request: httpRequestKind,
  enroll_in_flow: enrollInFlowKind,
  llm_generate: llmGenerateKind,
  ai_agent: aiAgentKind,
  score_lead: scoreLeadKind,
  ai_summarize_timeline: aiSummarizeTimelineKind,
  ai_extract_fields: aiExtractFieldsKind,
  triage_reply: triageReplyKind,

  wait: waitKind,
  wait_for_event: waitForEventKind,
  branch: branchKind,
  ab_split: abSplitKind,
  goal: goalKind,
  exit: exitKind,
};

export const NODE_TYPES = Object.keys(NODE_KINDS) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(NODE_KINDS, type);
}

/** The output handles of one node, resolving settings-dependent outputs such as A/B variants. */
export function outputsOf<T extends NodeType>(node: { type: T; settings: NodeSettings[T] }): readonly string[] {
  const kind: NodeKindInfo<T> = NODE_KINDS[node.type];
  return typeof kind.outputs === 'function' ? kind.outputs(node.settings) : kind.outputs;
}

/** The contact fields a node's settings name outright (see NodeKindInfo.namedFields). */
export function namedFieldsOf<T extends NodeType>(node: { type: T; settings: NodeSettings[T] }): readonly string[] {
  const kind: NodeKindInfo<T> = NODE_KINDS[node.type];
  return kind.namedFields(node.settings);
}

/** The strictly rendered template texts of a node, with the setting each comes from. */
export function strictTemplatesOf<T extends NodeType>(node: {
  type: T;
  settings: NodeSettings[T];
}): Array<{ setting: string; text: string }> {
  const kind: NodeKindInfo<T> = NODE_KINDS[node.type];
  return kind.templates.flatMap((setting) => {
    const text: unknown = node.settings[setting];
    return typeof text === 'string' ? [{ setting, text }] : [];
  });
}

/** How a trigger kind enrolls contacts; null for a kind that is not a trigger. */
export function triggerSourceOf(type: NodeType): TriggerSource | null {
  const kind = NODE_KINDS[type];
  return kind.category === 'trigger' ? kind.enrolledBy : null;
}

/** The trigger kinds that enroll one way, e.g. every kind fed by the domain event log. */
export const triggerTypesEnrolledBy = (...sources: TriggerSource[]): NodeType[] =>
  NODE_TYPES.filter((type) => sources.includes(triggerSourceOf(type) as TriggerSource));
