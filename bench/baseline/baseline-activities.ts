/** The baseline's activity does nothing, so the baseline measures Temporal's own cost per step. */
export const baselineActivities = {
  async baselineNoop(): Promise<void> {},
};

export type BaselineActivities = typeof baselineActivities;
