// Plain metadata (palette category, label, outputs) with no zod at run time, so the web app's
// palette, canvas and flow list load it without building every node's settings schema. The kinds
// still come from the schemas (type-only imports), so the table cannot drift from them.
import { DEFAULT_OUTPUT } from './node-output';
import type { NodeSettings, NodeType } from './node-kinds';

export type NodeCategory = 'trigger' | 'action' | 'control';

export type NodeKindInfo<T extends NodeType = NodeType> = {
  category: NodeCategory;
  /** Name the designer shows, also used in validation messages. */
  label: string;
  /** Output handles edges may leave from; a function when they depend on the settings. */
  outputs: readonly string[] | ((settings: NodeSettings[T]) => readonly string[]);
  /** Every output must lead somewhere: a decision with a dead end is a designer mistake. */
  everyOutputConnected?: true;
  /** Pauses the run on a durable timer, so a loop through it cannot spin. */
  pauses?: true;
  /** Contacts arrive by meeting a condition rather than along an edge, so it needs no way in. */
  enteredByCondition?: true;
};

const single = [DEFAULT_OUTPUT] as const;

/**
 * Metadata for every kind. The mapped type makes it exhaustive: a kind added to a schema list
 * without an entry here fails to compile, as do the `workflows` and `web` registries.
 */
export const NODE_KINDS: { readonly [T in NodeType]: NodeKindInfo<T> } = {
  manual: { category: 'trigger', label: 'Manual enrollment', outputs: single },
  api_call: { category: 'trigger', label: 'API call', outputs: single },
  contact_created: { category: 'trigger', label: 'Contact created', outputs: single },
  contact_updated: { category: 'trigger', label: 'Contact updated', outputs: single },
  deal_stage_changed: { category: 'trigger', label: 'Deal stage changed', outputs: single },
  webhook_received: { category: 'trigger', label: 'Webhook received', outputs: single },
  schedule: { category: 'trigger', label: 'Schedule', outputs: single },

  send_email: { category: 'action', label: 'Send email', outputs: single },
  send_sms: { category: 'action', label: 'Send SMS', outputs: single },
  notify_slack: { category: 'action', label: 'Notify Slack', outputs: single },
  create_task: { category: 'action', label: 'Create task', outputs: single },
  update_field: { category: 'action', label: 'Update field', outputs: single },
  add_tag: { category: 'action', label: 'Add tag', outputs: single },
  remove_tag: { category: 'action', label: 'Remove tag', outputs: single },
  http_request: { category: 'action', label: 'HTTP request', outputs: single },
  enroll_in_flow: { category: 'action', label: 'Enroll in flow', outputs: single },
  llm_generate: { category: 'action', label: 'Generate text', outputs: single },
  // `rejected` and `timeout` follow a human's rejection of the draft or no decision in time;
  // unconnected, they simply end the run.
  ai_agent: { category: 'action', label: 'AI agent', outputs: [DEFAULT_OUTPUT, 'rejected', 'timeout'] },
  score_lead: { category: 'action', label: 'Score lead', outputs: single },
  ai_summarize_timeline: { category: 'action', label: 'Summarise timeline', outputs: single },
  ai_extract_fields: { category: 'action', label: 'Extract fields', outputs: single },

  wait: { category: 'control', label: 'Wait', outputs: single, pauses: true },
  // `next` is taken when the event arrives, `timeout` when it does not in time; an
  // unconnected timeout simply ends the run, which is a legitimate design.
  wait_for_event: { category: 'control', label: 'Wait for event', outputs: [DEFAULT_OUTPUT, 'timeout'], pauses: true },
  branch: { category: 'control', label: 'Branch', outputs: ['yes', 'no'], everyOutputConnected: true },
  ab_split: {
    category: 'control',
    label: 'A/B split',
    outputs: (settings) => settings.variants.map((variant) => variant.handle),
    everyOutputConnected: true,
  },
  goal: { category: 'control', label: 'Goal', outputs: single, enteredByCondition: true },
  exit: { category: 'control', label: 'Exit', outputs: [] },
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
