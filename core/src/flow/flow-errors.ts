import type { Edge } from './flow-definition';

/** Every way a definition can be rejected; the designer keys help text and highlighting off these. */
export const FLOW_ERROR_CODES = [
  'malformed_definition',
  'unknown_node_kind',
  'trigger_expected',
  'unexpected_trigger',
  'duplicate_node_id',
  'missing_setting',
  'invalid_setting',
  'dangling_edge',
  'edge_into_trigger',
  'unknown_handle',
  'duplicate_output',
  'unconnected_output',
  'unreachable_node',
  'cycle_without_wait',
  'unknown_field',
  'unknown_snippet',
] as const;
export type FlowErrorCode = (typeof FLOW_ERROR_CODES)[number];

export type FlowValidationError = {
  code: FlowErrorCode;
  /** Sentence the designer can show as is. */
  message: string;
  /** The node to highlight; absent only for flow-wide problems such as the sending window. */
  nodeId?: string;
  /** The edge at fault, for edge problems. */
  edge?: Edge;
  /** Where in the node (or the definition, without a nodeId) the bad value is, e.g. "settings.subject". */
  path?: string;
};
