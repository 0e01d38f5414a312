/** Why a run left its flow before the end. */
export const UNENROLL_REASONS = ['reply', 'goal_met', 'unsubscribe', 'bounce', 'manual', 'entered_flow'] as const;
export type UnenrollReason = (typeof UNENROLL_REASONS)[number];
