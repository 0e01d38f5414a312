/**
 * Custom search attributes every Cadenza run carries, so ops can filter runs in the
 * Temporal UI. Kinds use Temporal's indexed value type names.
 */
export const RUN_SEARCH_ATTRIBUTES = {
  TenantId: 'KEYWORD',
  FlowId: 'KEYWORD',
  FlowVersion: 'INT',
  LeadId: 'KEYWORD',
  NodeId: 'KEYWORD',
  RunKind: 'KEYWORD',
} as const;

export type RunSearchAttributeName = keyof typeof RUN_SEARCH_ATTRIBUTES;
export type RunSearchAttributeKind = (typeof RUN_SEARCH_ATTRIBUTES)[RunSearchAttributeName];

export const RUN_KINDS = ['sequence', 'automation', 'agent', 'bulk_enrollment', 'smoke'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** The task queue the main worker polls unless TEMPORAL_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'cadenza-main';
