import type { ContactSnapshot, NodeOfType, StepNode } from '@cadenza/core';

/** What the interpreter hands every action activity. */
export interface FlowActionInput<N extends StepNode = StepNode> {
  /** enrollment + node + visit: the idempotency key of this side effect. */
  key: string;
  tenantId: string;
  enrollmentId: string;
  flowId: string;
  contactId: string;
  testMode: boolean;
  node: N;
  /** Outputs of earlier steps, for {{steps.<id>.<key>}} placeholders. */
  stepOutputs: Record<string, Record<string, unknown>>;
  contact?: ContactSnapshot;
}

export interface FlowActionResult {
  result: unknown;
  /** A test run recorded the effect instead of performing it. */
  captured: boolean;
  /** False when the effect had already been done under this key (retry or replay). */
  performed: boolean;
  /**
   * Set when the effect could not happen yet (a mailbox's hourly cap is full): nothing was
   * done or claimed, and the run should call again with the same key at this time (ISO).
   */
  throttledUntil?: string;
}

export type ActionInputOf<T extends StepNode['type']> = FlowActionInput<NodeOfType<T> & StepNode>;
