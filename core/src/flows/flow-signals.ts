/**
 * Names of the signals and queries a flow run answers. Plain strings in core so the API
 * (client side) and the workflow (which defines them) agree without importing each other.
 */
export const FLOW_SIGNALS = {
  pause: 'pause',
  resume: 'resume',
  skipWait: 'skipWait',
  cancel: 'cancel',
  retry: 'retry',
  unenroll: 'unenroll',
  inboundEvent: 'inboundEvent',
} as const;

export const FLOW_QUERIES = {
  currentNode: 'currentNode',
  stepHistory: 'stepHistory',
} as const;

/** Why a run left its flow before the end. */
export const UNENROLL_REASONS = ['reply', 'goal_met', 'unsubscribe', 'bounce', 'manual', 'entered_flow'] as const;
export type UnenrollReason = (typeof UNENROLL_REASONS)[number];
