import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const baselineReplySignal = defineSignal('reply');

/**
 * Raw Temporal: wait for one signal, then answer the workflow time at which it was seen
 * (the time of the workflow task that handled it), the same clock the flow's step record uses.
 */
export async function signalBaselineWorkflow(): Promise<number> {
  let replied = false;
  setHandler(baselineReplySignal, () => {
    replied = true;
  });
  await condition(() => replied);
  return Date.now();
}
