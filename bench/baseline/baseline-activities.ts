/** The baseline's activities do nothing, so the baseline measures Temporal's own cost per step. */
export function createBaselineActivities(onDone: () => void) {
  return {
    async baselineNoop(): Promise<void> {},
    /** The last step also tells the bench a run finished, without a long poll per run. */
    async baselineLastNoop(): Promise<void> {
      onDone();
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
