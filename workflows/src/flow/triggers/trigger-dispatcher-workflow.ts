import { condition, continueAsNew, proxyActivities, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import { TRIGGER_DISPATCHER_MEMO } from '@cadenza/core';
import type { Activities } from '@cadenza/activities';
import {
  dispatcherCursorQuery,
  dispatcherPokeSignal,
  type TriggerDispatcherInput,
  type TriggerDispatcherResult,
} from '@cadenza/contracts';

const { dispatchTriggerEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // Unbounded attempts: giving up would skip events; the cursor only moves on success.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Follows one tenant's domain event log and enrolls contacts in flows triggered by contact
 * and deal events. The cursor lives in workflow state (and the memo, for a restart after a
 * termination), so a worker crash or a deploy loses no event; a page redone after a retry
 * enrolls no one twice because enrollment ids are derived from (flow, contact).
 */
export async function triggerDispatcherWorkflow(input: TriggerDispatcherInput): Promise<TriggerDispatcherResult> {
  let cursor = input.cursor;
  let poked = false;
  setHandler(dispatcherPokeSignal, () => {
    poked = true;
  });
  setHandler(dispatcherCursorQuery, () => cursor);
  const rounds = input.roundsPerRun ?? 500;
  for (let round = 0; round < rounds && !workflowInfo().continueAsNewSuggested; round++) {
    poked = false;
    const page = await dispatchTriggerEvents({ tenantId: input.tenantId, afterSeq: cursor });
    if (page.cursor !== cursor) {
      cursor = page.cursor;
      upsertMemo({ [TRIGGER_DISPATCHER_MEMO.cursor]: cursor });
    }
    if (page.more) continue;
    // Nothing left to watch; activating such a flow starts the dispatcher again. A poke that
    // came meanwhile means one was just activated, so keep going.
    if (page.watchingFlows === 0 && !poked) return { cursor, stopped: 'no_event_triggered_flows' };
    await condition(() => poked, `${input.idleSeconds ?? 2} seconds`);
  }
  return continueAsNew<typeof triggerDispatcherWorkflow>({ ...input, cursor });
}
